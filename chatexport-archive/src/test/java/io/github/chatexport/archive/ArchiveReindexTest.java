package io.github.chatexport.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.api.Author;
import io.github.chatexport.api.Content;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.MessageNode;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.core.ExportWriter;
import io.github.chatexport.testdata.generator.ExportGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An add that changes a conversation writes only the search texts that change: a new message's, a
 * changed title's, a changed message's (under its rowid); every other text stays where it is, in
 * the FTS5 tables too. What changes beside the text (the active branch when {@code current_node}
 * moves) is updated in place, and searches see it.
 */
class ArchiveReindexTest {
  private static final long OLDER = 1735999100;
  private static final long NEWER = 1738999100;

  @TempDir Path dir;

  @Test
  void anAddWritesOnlyTheTextsThatChanged() throws Exception {
    Path first =
        export(
            "first.json",
            conversation(
                "walk",
                "Harbour walk",
                OLDER,
                "n2",
                user("n1", null, "where is the lighthouse"),
                user("n2", "n1", "past the harbour")),
            conversation("other", "Other", OLDER, "n1", user("n1", null, "nothing about boats")),
            conversation("retitled", "Old name", OLDER, "n1", user("n1", null, "about the tides")),
            conversation(
                "edited",
                "Edited",
                OLDER,
                "n2",
                user("n1", null, "a draft of the letter"),
                user("n2", "n1", "the envelope")));
    Path second =
        export(
            "second.json",
            conversation(
                "walk",
                "Harbour walk",
                NEWER,
                "n3",
                user("n1", null, "where is the lighthouse"),
                user("n2", "n1", "past the harbour"),
                user("n3", "n2", "by the quay")),
            conversation("other", "Other", OLDER, "n1", user("n1", null, "nothing about boats")),
            conversation("retitled", "New name", NEWER, "n1", user("n1", null, "about the tides")),
            conversation(
                "edited",
                "Edited",
                NEWER,
                "n2",
                user("n1", null, "the final letter"),
                user("n2", "n1", "the envelope")));
    Path file = dir.resolve("a.sqlite");
    try (ChatArchive archive = ChatArchive.open(file)) {
      archive.add(first);
    }
    List<String> rowsBefore = rows(file);
    log(file);
    try (ChatArchive archive = ChatArchive.open(file)) {
      ImportReport report = archive.add(second);
      assertThat(report.changed()).isEqualTo(3);
      assertThat(hits(archive, SearchQuery.parse("quay"))).isEqualTo("walk n3 active");
      assertThat(hits(archive, SearchQuery.parse("lighthouse"))).isEqualTo("walk n1 active");
      assertThat(hits(archive, SearchQuery.parse("name"))).isEqualTo("retitled title active");
      assertThat(hits(archive, SearchQuery.parse("old"))).isEmpty();
      assertThat(hits(archive, SearchQuery.parse("draft"))).isEmpty();
      assertThat(hits(archive, SearchQuery.parse("final OR envelope")))
          .isEqualTo("edited n1 active\nedited n2 active");
    }
    // the new message written; the title and the message that changed written again under their
    // rowids; nothing else
    assertThat(logged(file))
        .containsExactly(
            "delete edited n1",
            "delete retitled title",
            "insert edited n1",
            "insert retitled title",
            "insert walk n3");
    // every other text where it was
    List<String> rowsAfter = rows(file);
    assertThat(rowsAfter).hasSize(rowsBefore.size() + 1);
    assertThat(
            rowsBefore.removeIf(r -> r.contains(" retitled title ") || r.contains(" edited n1 ")))
        .isTrue();
    assertThat(rowsAfter).containsAll(rowsBefore);
    assertThat(check(file)).isEqualTo("ok");
  }

  @Test
  void aMovedCurrentNodeMovesTheActiveBranchWithoutWritingAText() throws Exception {
    Path first =
        export(
            "first.json",
            conversation(
                "door",
                "Door",
                OLDER,
                "a1",
                user("u1", null, "which colour for the door"),
                assistant("a1", "u1", "paint it green"),
                assistant("a2", "u1", "paint it blue")));
    Path second =
        export(
            "second.json",
            conversation(
                "door",
                "Door",
                NEWER,
                "a2",
                user("u1", null, "which colour for the door"),
                assistant("a1", "u1", "paint it green"),
                assistant("a2", "u1", "paint it blue")));
    Path file = dir.resolve("a.sqlite");
    try (ChatArchive archive = ChatArchive.open(file)) {
      archive.add(first);
      assertThat(hits(archive, SearchQuery.parse("paint").withActiveBranchOnly(true)))
          .isEqualTo("door a1 active");
    }
    log(file);
    try (ChatArchive archive = ChatArchive.open(file)) {
      assertThat(archive.add(second).changed()).isEqualTo(1);
      assertThat(hits(archive, SearchQuery.parse("paint").withActiveBranchOnly(true)))
          .isEqualTo("door a2 active");
      assertThat(hits(archive, SearchQuery.parse("paint")))
          .isEqualTo("door a1 inactive\ndoor a2 active");
      assertThat(hits(archive, SearchQuery.parse("colour").withActiveBranchOnly(true)))
          .isEqualTo("door u1 active");
    }
    assertThat(logged(file)).containsExactly("update door a1", "update door a2");
    assertThat(check(file)).isEqualTo("ok");
  }

  @Test
  void anArchiveGrownMonthByMonthFindsWhatAnIndexBuiltAfreshFinds() throws Exception {
    Path base = dir.resolve("base.json");
    ExportGenerator.builder().seed(5).targetBytes(150_000).build().writeConversationsJson(base);
    Path file = dir.resolve("grown.sqlite");
    Path merged = dir.resolve("merged");
    try (ChatArchive archive = ChatArchive.open(file)) {
      for (int k = 1; k <= MONTHS; k++) {
        archive.add(month(base, k));
      }
      archive.export(merged, false);
    }
    assertThat(check(file)).isEqualTo("ok");
    List<SearchQuery> queries =
        List.of(
            SearchQuery.parse("the"),
            SearchQuery.parse("the").withActiveBranchOnly(true),
            SearchQuery.parse("because OR while").withRole("assistant"),
            SearchQuery.parse("rev"),
            SearchQuery.parse("abou").withActiveBranchOnly(true));
    try (ChatArchive archive = ChatArchive.open(file);
        ExportReader export = ExportReader.open(merged);
        SearchIndex fresh = SearchIndex.build(dir.resolve("fresh.sqlite"), export, null)) {
      for (SearchQuery q : queries) {
        List<String> grown;
        try (Stream<SearchHit> hits = archive.search(q)) {
          grown = hits.map(ArchiveReindexTest::describe).sorted().collect(Collectors.toList());
        }
        List<String> afresh;
        try (Stream<SearchHit> hits = fresh.search(q)) {
          afresh = hits.map(ArchiveReindexTest::describe).sorted().collect(Collectors.toList());
        }
        assertThat(grown).as(q.toString()).isNotEmpty().isEqualTo(afresh);
      }
    }
  }

  private static final int MONTHS = 4;

  /** A hit whole, but whether it is deleted (an index of an export knows no deletions). */
  private static String describe(SearchHit h) {
    return String.join(
        " | ",
        h.conversationId(),
        String.valueOf(h.nodeId()),
        String.valueOf(h.title()),
        String.valueOf(h.conversationTime()),
        String.valueOf(h.time()),
        String.valueOf(h.role()),
        String.valueOf(h.model()),
        h.contentType(),
        String.valueOf(h.activeBranch()),
        h.snippet("[", "]"),
        String.valueOf(h.rank()));
  }

  /**
   * Month k of a growing account: the first k/MONTHS of the conversations, each retitled, grown by
   * a message or moved back on its branch (its {@code current_node} to its parent) as months 2 to k
   * did.
   */
  private Path month(Path base, int k) throws IOException {
    Path file = dir.resolve("month-" + k + ".json");
    int n;
    try (ExportReader r = ExportReader.open(base)) {
      n = (int) r.conversations().count();
    }
    try (ExportReader r = ExportReader.open(base);
        ExportWriter w = ExportWriter.open(file)) {
      int i = 0;
      for (Conversation c : r) {
        if (i >= (long) k * n / MONTHS + 1) {
          break;
        }
        Conversation out = c;
        for (int j = 2; j <= k; j++) {
          boolean changed = false;
          if ((i + j) % 3 == 0) {
            out = out.withTitle(c.title() + " (rev " + j + ")");
            changed = true;
          }
          if ((i * j) % 4 == 1) {
            out = grown(out, "extra-" + j + "-" + i);
            changed = true;
          }
          if ((i + j) % 5 == 0) {
            MessageNode leaf = out.activeBranch().leaf().orElse(null);
            if (leaf != null && leaf.parentId() != null) {
              out = out.withCurrentNode(leaf.parentId());
              changed = true;
            }
          }
          if (changed) {
            out =
                out.withTimes(
                    c.createTime(),
                    Instant.parse("2030-01-01T00:00:00Z").plus(Duration.ofDays(30L * j)));
          }
        }
        if (!(i % 7 == 3 && k == 2)) {
          w.write(out);
        }
        i++;
      }
    }
    return file;
  }

  /** A new answer after the active branch's leaf, with a text of its own, made current. */
  private static Conversation grown(Conversation c, String id) {
    return Grown.afterLeaf(
        c,
        id,
        last ->
            Message.of(
                id, Author.of("assistant"), Content.Text.of("because the tide turned " + id)));
  }

  private Path export(String name, String... conversations) throws IOException {
    Path export = dir.resolve(name);
    Files.writeString(export, "[" + String.join(", ", conversations) + "]");
    return export;
  }

  private static String user(String id, @Nullable String parent, String text) {
    return node(id, parent, "user", text);
  }

  private static String assistant(String id, @Nullable String parent, String text) {
    return node(id, parent, "assistant", text);
  }

  private static String node(String id, @Nullable String parent, String role, String text) {
    return "\""
        + id
        + "\": {\"id\": \""
        + id
        + "\", \"message\": {\"id\": \""
        + id
        + "\", \"author\": {\"role\": \""
        + role
        + "\"}, \"create_time\": "
        + (OLDER + 1)
        + ", \"content\": {\"content_type\": \"text\", \"parts\": [\""
        + text
        + "\"]}}, \"parent\": "
        + (parent == null ? "null" : "\"" + parent + "\"")
        + "}";
  }

  private static String conversation(
      String id, String title, long updateTime, String currentNode, String... nodes) {
    return "{\"id\": \""
        + id
        + "\", \"title\": \""
        + title
        + "\", \"create_time\": "
        + OLDER
        + ", \"update_time\": "
        + updateTime
        + ", \"current_node\": \""
        + currentNode
        + "\", \"mapping\": {"
        + String.join(", ", nodes)
        + "}}";
  }

  private static String hits(ChatArchive archive, SearchQuery query) {
    try (Stream<SearchHit> all = archive.search(query)) {
      return all.map(
              h ->
                  h.conversationId()
                      + " "
                      + (h.nodeId() == null ? "title" : h.nodeId())
                      + (h.activeBranch() ? " active" : " inactive"))
          .sorted()
          .collect(Collectors.joining("\n"));
    }
  }

  private static Connection connect(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
  }

  /** Every text's rowid, conversation, node and text. */
  private static List<String> rows(Path file) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection db = connect(file);
        Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT t.id, c.conversation_id, coalesce(t.node_id, 'title'),"
                    + " coalesce(t.body, t.title) FROM search_texts t"
                    + " JOIN search_conversations c ON c.id = t.conversation ORDER BY t.id")) {
      while (r.next()) {
        out.add(r.getLong(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getString(4));
      }
    }
    return out;
  }

  /**
   * Logs from here on every row written into or deleted from {@code search_texts}, and every update
   * of a row's other columns, by triggers of the test's own (an add leaves them alone).
   */
  private static void log(Path file) throws SQLException {
    String who =
        " (SELECT conversation_id FROM search_conversations WHERE id = %s.conversation)"
            + " || ' ' || coalesce(%<s.node_id, 'title')";
    try (Connection db = connect(file);
        Statement s = db.createStatement()) {
      s.execute("CREATE TABLE test_log(n INTEGER PRIMARY KEY, what TEXT NOT NULL)");
      s.execute(
          "CREATE TRIGGER test_inserted AFTER INSERT ON search_texts BEGIN"
              + " INSERT INTO test_log(what) SELECT 'insert ' || new.id || ' ' ||"
              + String.format(who, "new")
              + "; END");
      s.execute(
          "CREATE TRIGGER test_deleted AFTER DELETE ON search_texts BEGIN"
              + " INSERT INTO test_log(what) SELECT 'delete ' || old.id || ' ' ||"
              + String.format(who, "old")
              + "; END");
      s.execute(
          "CREATE TRIGGER test_updated AFTER UPDATE ON search_texts BEGIN"
              + " INSERT INTO test_log(what) SELECT 'update ' || new.id || ' ' ||"
              + String.format(who, "new")
              + " || CASE WHEN new.title IS old.title AND new.body IS old.body"
              + " AND new.words_title IS old.words_title AND new.words_body IS old.words_body"
              + " THEN '' ELSE ' text' END; END");
    }
  }

  /**
   * What {@link #log} logged, sorted, each written again row checked to keep its rowid and the
   * rowids then left out.
   */
  private static List<String> logged(Path file) throws SQLException {
    List<String> raw = new ArrayList<>();
    try (Connection db = connect(file);
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT what FROM test_log ORDER BY n")) {
      while (r.next()) {
        raw.add(r.getString(1));
      }
    }
    List<String> out = new ArrayList<>();
    for (String line : raw) {
      String[] parts = line.split(" ", 3);
      if (parts[0].equals("insert")) {
        for (String other : raw) {
          String[] o = other.split(" ", 3);
          if (o[0].equals("delete") && o[2].equals(parts[2])) {
            assertThat(o[1]).as("the rowid of " + parts[2]).isEqualTo(parts[1]);
          }
        }
      }
      out.add(parts[0] + " " + parts[2]);
    }
    out.sort(null);
    return out;
  }

  /** FTS5's integrity check of both tables against their content. */
  private static String check(Path file) throws SQLException {
    try (Connection db = connect(file);
        Statement s = db.createStatement()) {
      s.execute("INSERT INTO search_words(search_words, rank) VALUES ('integrity-check', 1)");
      s.execute("INSERT INTO search_trigram(search_trigram, rank) VALUES ('integrity-check', 1)");
    }
    return "ok";
  }
}
