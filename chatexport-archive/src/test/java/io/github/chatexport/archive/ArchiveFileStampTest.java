package io.github.chatexport.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An asset that an earlier add stored is known again by its path and stamp ({@code file_stamp}):
 * the ZIP entry's CRC-32 and size. It is not read again, and the export written back as it was
 * still holds its bytes; an asset whose bytes changed under the same name is stored anew.
 */
class ArchiveFileStampTest {
  private static final String CONVERSATIONS =
      "[{\"id\": \"c1\", \"title\": \"Photos\", \"create_time\": 1735999100, \"update_time\":"
          + " 1735999100, \"current_node\": \"n1\", \"mapping\": {\"n1\": {\"id\": \"n1\","
          + " \"message\": {\"id\": \"n1\", \"author\": {\"role\": \"user\"}, \"content\":"
          + " {\"content_type\": \"text\", \"parts\": [\"the harbour at dusk\"]}}, \"parent\":"
          + " null}}}]";

  private static final byte[] PHOTO = "a photo of the harbour".getBytes(UTF_8);

  @TempDir Path dir;

  @Test
  void anAssetStoredBeforeIsNotReadAgainAndTheExportIsWrittenBackWithIt() throws Exception {
    Path first = zip("first.zip", 1L, PHOTO);
    // the same photo in another download, one of its stored bytes changed where only reading it
    // shows (the central directory keeps the photo's CRC-32 and size): read, it would be a new
    // asset, and the export written back would hold the changed bytes
    Path second = zip("second.zip", 2L, PHOTO);
    byte[] bytes = Files.readAllBytes(second);
    int at = indexOf(bytes, PHOTO);
    bytes[at] ^= 1;
    Files.write(second, bytes);
    Path file = dir.resolve("a.sqlite");
    try (ChatArchive archive = ChatArchive.open(file)) {
      assertThat(archive.add(first).assetsAdded()).isEqualTo(1);
      assertThat(archive.add(second).assetsAdded()).isZero();
      Path out = dir.resolve("as-of-2");
      archive.exportAsOf(archive.exports().get(1), out);
      assertThat(out.resolve("file-photo.png")).hasBinaryContent(PHOTO);
    }
    assertThat(rows(file, "SELECT path, stamp FROM file_stamp ORDER BY path"))
        .containsExactly(
            "chat.html zip crc32 601b871f size 13",
            "file-photo.png zip crc32 37b2a9d2 size 22",
            "user.json zip crc32 64fda8b4 size 16");
  }

  @Test
  void anAssetChangedUnderTheSameNameIsStoredAnew() throws Exception {
    byte[] retouched = "a photo of the harbour, retouched".getBytes(UTF_8);
    Path first = zip("first.zip", 1L, PHOTO);
    Path second = zip("second.zip", 2L, retouched);
    Path file = dir.resolve("a.sqlite");
    try (ChatArchive archive = ChatArchive.open(file)) {
      assertThat(archive.add(first).assetsAdded()).isEqualTo(1);
      assertThat(archive.add(second).assetsAdded()).isEqualTo(1);
      Path one = dir.resolve("as-of-1");
      Path two = dir.resolve("as-of-2");
      archive.exportAsOf(archive.exports().get(0), one);
      archive.exportAsOf(archive.exports().get(1), two);
      assertThat(one.resolve("file-photo.png")).hasBinaryContent(PHOTO);
      assertThat(two.resolve("file-photo.png")).hasBinaryContent(retouched);
    }
    assertThat(rows(file, "SELECT stamp FROM file_stamp WHERE path = 'file-photo.png' ORDER BY 1"))
        .containsExactlyInAnyOrder("zip crc32 37b2a9d2 size 22", "zip crc32 e853f660 size 33");
  }

  /**
   * An export file added again is known by its path, size and modification time, without hashing it
   * whole: here its bytes changed at the same size and its time was set back, which only hashing
   * would see. Its time moved, it is hashed, found by its SHA-256, and stamped again.
   */
  @Test
  void anExportFileAddedAgainIsKnownByItsStampWithoutHashingIt() throws Exception {
    Path export = zip("export.zip", 1L, PHOTO);
    FileTime time = FileTime.from(Instant.parse("2026-03-01T12:00:00Z"));
    Files.setLastModifiedTime(export, time);
    Path file = dir.resolve("a.sqlite");
    try (ChatArchive archive = ChatArchive.open(file)) {
      assertThat(archive.add(export).alreadyAdded()).isFalse();
      Files.setLastModifiedTime(export, FileTime.from(Instant.parse("2026-03-02T12:00:00Z")));
      assertThat(archive.add(export).alreadyAdded()).isTrue(); // hashed: the same bytes
    }
    assertThat(rows(file, "SELECT stamp, export FROM export_stamp ORDER BY stamp"))
        .containsExactly(
            "file size " + Files.size(export) + " modified 1772366400000000000 1",
            "file size " + Files.size(export) + " modified 1772452800000000000 1");
    byte[] bytes = Files.readAllBytes(export);
    bytes[indexOf(bytes, PHOTO)] ^= 1;
    Files.write(export, bytes);
    Files.setLastModifiedTime(export, time);
    try (ChatArchive archive = ChatArchive.open(file)) {
      ImportReport again = archive.add(export);
      assertThat(again.alreadyAdded()).isTrue(); // by its stamp, not read
      assertThat(archive.exports()).hasSize(1);
    }
  }

  @Test
  void aVersionTwoArchiveIsBroughtForwardAndStampsFromThen() throws Exception {
    Path file = dir.resolve("a.sqlite");
    try (ChatArchive archive = ChatArchive.open(file)) {
      archive.add(zip("first.zip", 1L, PHOTO));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE file_stamp"); // as version 2 wrote it
      s.execute("DROP TABLE export_stamp");
      s.execute("PRAGMA user_version = 2");
    }
    try (ChatArchive archive = ChatArchive.open(file)) {
      assertThat(rows(file, "PRAGMA user_version")).containsExactly("3");
      assertThat(rows(file, "SELECT count(*) FROM file_stamp")).containsExactly("0");
      assertThat(archive.add(zip("second.zip", 2L, PHOTO)).assetsAdded()).isZero();
    }
    assertThat(rows(file, "SELECT count(*) FROM file_stamp")).containsExactly("3");
  }

  /**
   * A ZIP export of one conversation with {@code photo} as {@code file-photo.png}, stored (not
   * compressed, so that its bytes are in the file as they are), its entries dated {@code day} days
   * after the epoch.
   */
  private Path zip(String name, long day, byte[] photo) throws IOException {
    Path zip = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out)) {
      entry(z, "conversations.json", CONVERSATIONS.getBytes(UTF_8), day);
      entry(z, "user.json", "{\"id\": \"user-1\"}".getBytes(UTF_8), day);
      entry(z, "chat.html", "<html></html>".getBytes(UTF_8), day);
      entry(z, "file-photo.png", photo, day);
    }
    return zip;
  }

  private static void entry(ZipOutputStream z, String name, byte[] bytes, long day)
      throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(bytes.length);
    e.setCompressedSize(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    e.setCrc(crc.getValue());
    e.setTime(day * 86_400_000L);
    z.putNextEntry(e);
    z.write(bytes);
    z.closeEntry();
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  private static List<String> rows(Path file, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " " : "").append(r.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
