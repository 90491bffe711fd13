package io.github.chatexport.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.testdata.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An add writes the search texts of the conversations it changes with the FTS5 tables' insert
 * trigger suspended, and puts them into those tables in one statement per table before it commits.
 * After every add both tables agree with their content table (FTS5's own integrity check) and the
 * trigger is back; a conversation that one add indexes twice is caught up before its texts are
 * replaced, so that the delete trigger never takes out of the tables what was never put in.
 */
class ArchiveFullTextTest {
  @TempDir Path dir;

  @Test
  void afterEveryAddInBothOrdersTheFullTextTablesAgreeWithTheirTexts() throws Exception {
    Path sequence = Fixtures.get("archive/account-sam/").copyTo(dir);
    for (List<String> order :
        List.of(
            List.of("2025-01", "2025-02", "2025-03"), List.of("2025-03", "2025-02", "2025-01"))) {
      Path file = dir.resolve(String.join("-", order) + ".sqlite");
      for (String name : order) {
        try (ChatArchive archive = ChatArchive.open(file)) {
          archive.add(sequence.resolve(name));
        }
        assertThat(check(file)).as(order + " after " + name).isEqualTo("ok, trigger");
      }
    }
  }

  @Test
  void aConversationIndexedTwiceInOneAddIsInTheTablesOnceAsTheMergedViewHasIt() throws Exception {
    // the same conversation twice in one export, the second time with one more message: stored
    // and indexed at the first, merged and indexed again at the end of the add
    Path export = dir.resolve("twice.json");
    Files.writeString(
        export,
        "["
            + conversation("walk", "where is the lighthouse")
            + ", "
            + conversation("walk", "where is the lighthouse", "past the harbour")
            + ", "
            + conversation("other", "nothing about boats")
            + "]");
    Path file = dir.resolve("a.sqlite");
    try (ChatArchive archive = ChatArchive.open(file)) {
      ImportReport report = archive.add(export);
      assertThat(report.newConversations()).isEqualTo(2);
      assertThat(hits(archive, "lighthouse")).isEqualTo("walk n1");
      assertThat(hits(archive, "harbour")).isEqualTo("walk n2");
      assertThat(hits(archive, "arbou")).isEqualTo("walk n2"); // the trigram table
      assertThat(hits(archive, "boats")).isEqualTo("other n1");
    }
    assertThat(check(file)).isEqualTo("ok, trigger");
    // the texts written by a later add reach the tables too
    Path later = dir.resolve("later.json");
    Files.writeString(
        later,
        "["
            + conversation("walk", "where is the lighthouse", "past the harbour", "by the quay")
            + "]");
    try (ChatArchive archive = ChatArchive.open(file)) {
      archive.add(later);
      assertThat(hits(archive, "quay")).isEqualTo("walk n3");
      assertThat(hits(archive, "harbour")).isEqualTo("walk n2");
    }
    assertThat(check(file)).isEqualTo("ok, trigger");
  }

  /** A conversation of user messages, each the child of the one before. */
  private static String conversation(String id, String... texts) {
    StringBuilder mapping = new StringBuilder();
    for (int i = 1; i <= texts.length; i++) {
      if (i > 1) {
        mapping.append(", ");
      }
      mapping
          .append("\"n")
          .append(i)
          .append("\": {\"id\": \"n")
          .append(i)
          .append("\", \"message\": {\"id\": \"n")
          .append(i)
          .append("\", \"author\": {\"role\": \"user\"}, \"create_time\": ")
          .append(1735999100 + i)
          .append(", \"content\": {\"content_type\": \"text\", \"parts\": [\"")
          .append(texts[i - 1])
          .append("\"]}}, \"parent\": ")
          .append(i == 1 ? "null" : "\"n" + (i - 1) + "\"")
          .append("}");
    }
    return "{\"id\": \""
        + id
        + "\", \"title\": \""
        + id
        + "\", \"create_time\": 1735999100, \"update_time\": "
        + (1735999100 + texts.length)
        + ", \"current_node\": \"n"
        + texts.length
        + "\", \"mapping\": {"
        + mapping
        + "}}";
  }

  private static String hits(ChatArchive archive, String query) {
    try (Stream<SearchHit> all = archive.search(SearchQuery.parse(query))) {
      return all.map(h -> h.conversationId() + " " + h.nodeId())
          .sorted()
          .collect(Collectors.joining("\n"));
    }
  }

  /** FTS5's integrity check of both tables against their content, and whether the trigger is. */
  private static String check(Path file) throws SQLException, IOException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        Statement s = db.createStatement()) {
      s.execute("INSERT INTO search_words(search_words, rank) VALUES ('integrity-check', 1)");
      s.execute("INSERT INTO search_trigram(search_trigram, rank) VALUES ('integrity-check', 1)");
      try (ResultSet r =
          s.executeQuery(
              "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                  + " AND name = 'search_texts_inserted'")) {
        r.next();
        return "ok" + (r.getInt(1) == 1 ? ", trigger" : ", no trigger");
      }
    }
  }
}
