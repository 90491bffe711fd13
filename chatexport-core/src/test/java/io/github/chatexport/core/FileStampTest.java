package io.github.chatexport.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ExportReader#fileStamp}: what stands for a file's bytes without reading them, for a ZIP
 * read through its central directory and for a folder, and nothing for the other sources.
 */
class FileStampTest {
  private static final String CONVERSATIONS = "[]";

  /** Its CRC-32 is 3610a686; that of {@code hellO}, d7e864e; that of {@code []}, d4cbb29. */
  private static final byte[] HELLO = "hello".getBytes(UTF_8);

  @TempDir Path dir;

  @Test
  void aZipEntryIsStampedWithItsCrc32AndSize() throws IOException {
    Path zip = zip("a.zip", Deflater.DEFAULT_COMPRESSION, HELLO);
    try (ExportReader export = ExportReader.open(zip)) {
      assertThat(export.fileStamp("file-1.png")).contains("zip crc32 3610a686 size 5");
      assertThat(export.fileStamp("conversations.json")).contains("zip crc32 d4cbb29 size 2");
      assertThat(export.fileStamp("no-such-file.png")).isEmpty();
    }
  }

  @Test
  void theSameBytesZippedAgainAnotherWayHaveTheSameStampAndOtherBytesAnother() throws IOException {
    String first;
    try (ExportReader export = ExportReader.open(zip("a.zip", 9, HELLO))) {
      first = export.fileStamp("file-1.png").orElseThrow();
    }
    try (ExportReader export = ExportReader.open(zip("b.zip", Deflater.NO_COMPRESSION, HELLO))) {
      assertThat(export.fileStamp("file-1.png")).contains(first);
    }
    byte[] other = Arrays.copyOf(HELLO, HELLO.length);
    other[4] = 'O'; // the same size
    try (ExportReader export = ExportReader.open(zip("c.zip", 9, other))) {
      assertThat(export.fileStamp("file-1.png")).contains("zip crc32 d7e864e size 5");
    }
  }

  @Test
  void aFileOfAFolderIsStampedWithItsSizeModificationTimeAndFileKey() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("export"));
    Files.writeString(folder.resolve("conversations.json"), CONVERSATIONS);
    Path asset = Files.write(folder.resolve("file-1.png"), HELLO);
    Files.setLastModifiedTime(asset, FileTime.from(Instant.parse("2026-03-01T12:00:00Z")));
    Object key = Files.readAttributes(asset, BasicFileAttributes.class).fileKey();
    assumeTrue(key != null, "this file system has no file keys");
    try (ExportReader export = ExportReader.open(folder)) {
      assertThat(export.fileStamp("file-1.png"))
          .contains("file size 5 modified 1772366400000000000 key " + key);
    }
    Files.setLastModifiedTime(asset, FileTime.from(Instant.parse("2026-03-01T12:00:01Z")));
    try (ExportReader export = ExportReader.open(folder)) {
      assertThat(export.fileStamp("file-1.png"))
          .contains("file size 5 modified 1772366401000000000 key " + key);
    }
  }

  /**
   * Another extraction of a ZIP that dates every entry alike gives files of the same name, size and
   * time that may hold other bytes: they are other files, with other stamps.
   */
  @Test
  void theSameNameSizeAndTimeInAnotherFolderIsAnotherStamp() throws IOException {
    FileTime time = FileTime.from(Instant.parse("1980-01-01T00:00:00Z"));
    String[] stamps = new String[2];
    byte[][] contents = {HELLO, "hellO".getBytes(UTF_8)};
    for (int i = 0; i < 2; i++) {
      Path folder = Files.createDirectory(dir.resolve("extracted-" + i));
      Files.writeString(folder.resolve("conversations.json"), CONVERSATIONS);
      Path user = Files.write(folder.resolve("user.json"), contents[i]);
      Files.setLastModifiedTime(user, time);
      try (ExportReader export = ExportReader.open(folder)) {
        assumeTrue(export.fileStamp("user.json").isPresent(), "this file system has no file keys");
        stamps[i] = export.fileStamp("user.json").orElseThrow();
      }
    }
    assertThat(stamps[0]).startsWith("file size 5 modified 315532800000000000 key ");
    assertThat(stamps[1]).startsWith("file size 5 modified 315532800000000000 key ");
    assertThat(stamps[0]).isNotEqualTo(stamps[1]);
  }

  @Test
  void aSingleFileAStreamAndASalvagedZipHaveNoStamps() throws IOException {
    Path json = Files.writeString(dir.resolve("conversations.json"), CONVERSATIONS);
    try (ExportReader export = ExportReader.open(json)) {
      assertThat(export.files()).containsExactly("conversations.json");
      assertThat(export.fileStamp("conversations.json")).isEmpty();
    }
    try (ExportReader export =
        ExportReader.open(new ByteArrayInputStream(CONVERSATIONS.getBytes(UTF_8)), "in.json")) {
      for (String f : export.files()) {
        assertThat(export.fileStamp(f)).as(f).isEmpty();
      }
    }
    // without its central directory, a ZIP is read from its local headers
    Path zip = zip("a.zip", 9, HELLO);
    byte[] bytes = Files.readAllBytes(zip);
    int directory = indexOf(bytes, new byte[] {'P', 'K', 1, 2}); // the central directory
    Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(bytes, directory));
    try (ExportReader export = ExportReader.open(cut)) {
      assertThat(export.files()).contains("file-1.png");
      assertThat(export.fileStamp("file-1.png")).isEmpty();
    }
  }

  private Path zip(String name, int level, byte[] asset) throws IOException {
    Path zip = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out)) {
      z.setLevel(level);
      ZipEntry conversations = new ZipEntry("conversations.json");
      conversations.setTime(System.currentTimeMillis());
      z.putNextEntry(conversations);
      z.write(CONVERSATIONS.getBytes(UTF_8));
      z.closeEntry();
      ZipEntry file = new ZipEntry("file-1.png");
      file.setTime(System.currentTimeMillis() - level * 86_400_000L); // another time each way
      z.putNextEntry(file);
      z.write(asset);
      z.closeEntry();
    }
    return zip;
  }

  /** Where {@code part} first occurs in {@code bytes}. */
  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
