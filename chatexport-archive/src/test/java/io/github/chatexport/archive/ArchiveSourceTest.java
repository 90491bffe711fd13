package io.github.chatexport.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.testdata.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An add recognises a conversation it met before by the SHA-256 of the bytes it was read from
 * ({@code version_source}): the archive must be the one that writing every conversation back to
 * JSON gives.
 */
class ArchiveSourceTest {
  @TempDir Path dir;

  /** Every table but {@code version_source}, and the export table without its {@code added_at}. */
  private static final List<String> TABLES =
      List.of(
          "SELECT number, file_name, size, sha256, account_id, export_time, partial, layout,"
              + " conversation_files, conversations, new, changed, unchanged, deleted, reappeared,"
              + " assets_added FROM export ORDER BY number",
          "SELECT * FROM node ORDER BY id",
          "SELECT * FROM version ORDER BY id",
          "SELECT * FROM export_version ORDER BY export, position",
          "SELECT * FROM conversation ORDER BY id",
          "SELECT * FROM export_file ORDER BY export, path",
          "SELECT * FROM search_conversations ORDER BY id",
          "SELECT * FROM search_texts ORDER BY id");

  private static String dump(Path archive) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + archive);
        Statement s = c.createStatement()) {
      for (String sql : TABLES) {
        out.append(sql).append('\n');
        try (ResultSet r = s.executeQuery(sql)) {
          ResultSetMetaData m = r.getMetaData();
          while (r.next()) {
            for (int i = 1; i <= m.getColumnCount(); i++) {
              out.append(i > 1 ? " | " : "").append(r.getString(i));
            }
            out.append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  private static int count(Path archive, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + archive);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getInt(1) : -1;
    }
  }

  private static void forgetSources(Path archive) throws SQLException {
    if (!Files.exists(archive)) {
      return;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + archive);
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM version_source");
    }
  }

  private static void add(Path archive, Path export) throws IOException {
    try (ChatArchive a = ChatArchive.open(archive)) {
      a.add(export);
    }
  }

  @Test
  void recognisingBytesGivesTheArchiveThatWritingBackGives() throws Exception {
    Path sequence = Fixtures.get("archive/account-sam/").copyTo(dir);
    for (List<String> order :
        List.of(
            List.of("2025-01", "2025-02", "2025-03"), List.of("2025-03", "2025-02", "2025-01"))) {
      Path recognised = dir.resolve("recognised-" + order.get(0) + ".sqlite");
      Path writtenBack = dir.resolve("written-back-" + order.get(0) + ".sqlite");
      for (String name : order) {
        add(recognised, sequence.resolve(name));
        forgetSources(writtenBack);
        add(writtenBack, sequence.resolve(name));
      }
      assertThat(dump(recognised)).isEqualTo(dump(writtenBack));
      assertThat(count(recognised, "SELECT count(*) FROM version_source")).isPositive();
    }
  }

  @Test
  void aRowThatNamesAnotherConversationsVersionIsNotTrusted() throws Exception {
    Path sequence = Fixtures.get("archive/account-sam/").copyTo(dir);
    Path recognised = dir.resolve("recognised.sqlite");
    Path writtenBack = dir.resolve("written-back.sqlite");
    add(recognised, sequence.resolve("2025-01"));
    add(writtenBack, sequence.resolve("2025-01"));
    // every row now names the version of some other conversation
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + recognised);
        Statement s = c.createStatement()) {
      assertThat(
              s.executeUpdate(
                  "UPDATE version_source SET version = (SELECT o.id FROM version o WHERE"
                      + " o.conversation_id <> (SELECT v.conversation_id FROM version v"
                      + " WHERE v.id = version_source.version) ORDER BY o.id LIMIT 1)"))
          .isPositive();
    }
    forgetSources(writtenBack);
    add(recognised, sequence.resolve("2025-02"));
    add(writtenBack, sequence.resolve("2025-02"));
    assertThat(dump(recognised)).isEqualTo(dump(writtenBack));
  }

  @Test
  void aVersionOneArchiveIsBroughtForwardAndAddsAsBefore() throws Exception {
    Path sequence = Fixtures.get("archive/account-sam/").copyTo(dir);
    Path old = dir.resolve("old.sqlite");
    Path fresh = dir.resolve("fresh.sqlite");
    add(old, sequence.resolve("2025-01"));
    add(fresh, sequence.resolve("2025-01"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE version_source"); // as version 1 wrote it
      s.execute("PRAGMA user_version = 1");
    }
    forgetSources(fresh);
    add(old, sequence.resolve("2025-02"));
    add(fresh, sequence.resolve("2025-02"));
    assertThat(count(old, "PRAGMA user_version")).isEqualTo(2);
    assertThat(count(old, "SELECT count(*) FROM version_source")).isPositive();
    assertThat(dump(old)).isEqualTo(dump(fresh));
  }
}
