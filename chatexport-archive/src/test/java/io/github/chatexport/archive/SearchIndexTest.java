package io.github.chatexport.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chatexport.api.Author;
import io.github.chatexport.api.Content;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.MessageNode;
import io.github.chatexport.archive.internal.search.SearchTables;
import io.github.chatexport.core.ExportReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SearchIndex} over a file, and {@link SearchTables#update} replacing what it indexed
 * before.
 */
final class SearchIndexTest {
  @TempDir Path dir;

  private static Conversation conversation(String title, String... texts) {
    List<MessageNode> nodes = new java.util.ArrayList<>();
    String parent = null;
    for (int i = 0; i < texts.length; i++) {
      String id = "n" + i;
      Message m =
          Message.of(id, Author.of(i % 2 == 0 ? "user" : "assistant"), Content.Text.of(texts[i]));
      nodes.add(
          MessageNode.of(id, m, parent)
              .withChildIds(i + 1 < texts.length ? List.of("n" + (i + 1)) : List.of()));
      parent = id;
    }
    return Conversation.of("conv-1", title, nodes).withCurrentNode(parent);
  }

  private static List<String> hits(Connection db, String query) throws Exception {
    try (Stream<SearchHit> hits = SearchTables.search(db, SearchQuery.parse(query))) {
      return hits.map(h -> h.nodeId() + (h.deleted() ? " deleted" : "") + " " + h.snippet("[", "]"))
          .collect(Collectors.toList());
    }
  }

  @Test
  void anUpdateReplacesEverythingIndexedForTheConversation() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      SearchTables.createTables(db);
      SearchTables.update(
          db, conversation("Harbour walk", "where is the lighthouse", "at the pier"), false);
      assertThat(hits(db, "lighthouse")).containsExactly("n0 where is the [lighthouse]");
      assertThat(hits(db, "harbour")).containsExactly("null [Harbour] walk");

      SearchTables.update(
          db, conversation("Beach walk", "where is the ferry", "at the pier", "thanks"), true);
      assertThat(hits(db, "lighthouse")).isEmpty();
      assertThat(hits(db, "harbour")).isEmpty();
      assertThat(hits(db, "ferry OR beach"))
          .containsExactly("null deleted [Beach] walk", "n0 deleted where is the [ferry]");
      assertThat(hits(db, "pier")).containsExactly("n1 deleted at the [pier]");
      try (Statement s = db.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT (SELECT count(*) FROM search_conversations),"
                      + " (SELECT count(*) FROM search_texts), (SELECT count(*) FROM search_trigram WHERE search_trigram"
                      + " MATCH '\"ighthous\"')")) {
        r.next();
        assertThat(List.of(r.getInt(1), r.getInt(2), r.getInt(3))).containsExactly(1, 4, 0);
      }
      // the FTS5 tables agree with their content table after the deletes
      try (Statement s = db.createStatement()) {
        s.execute("INSERT INTO search_words(search_words, rank) VALUES ('integrity-check', 1)");
        s.execute("INSERT INTO search_trigram(search_trigram, rank) VALUES ('integrity-check', 1)");
      }
    }
  }

  @Test
  void whatUsersTypeNeverReachesSqlAsSql() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      SearchTables.createTables(db);
      SearchTables.update(
          db,
          conversation("Quotes", "it's a \"test\"; DROP TABLE x", "NEAR(a b) title:x ^start"),
          false);
      assertThat(hits(db, "'; DROP TABLE search_texts;")).isEmpty();
      assertThatThrownBy(() -> hits(db, "'; DROP TABLE search_texts; --"))
          .isInstanceOf(SearchQueryException.class)
          .hasMessage(
              "nothing to search for in -- at character 29: it has no letter, digit or emoji");
      assertThat(hits(db, "test : DROP")).containsExactly("n0 it's a \"[test]\"; [DROP] TABLE x");
      assertThat(hits(db, "DROP TABLE")).containsExactly("n0 it's a \"test\"; [DROP] [TABLE] x");
      assertThat(hits(db, "NEAR(a title:x ^start"))
          .containsExactly("n1 [NEAR(a] b) [title:x] ^[start]");
      assertThat(hits(db, "AND NOT")).isEmpty();
      assertThat(hits(db, "it's")).containsExactly("n0 [it's] a \"test\"; DROP TABLE x");
      try (Statement s = db.createStatement();
          ResultSet r = s.executeQuery("SELECT count(*) FROM search_texts")) {
        r.next();
        assertThat(r.getInt(1)).isEqualTo(3);
      }
    }
  }

  @Test
  void buildsAnIndexFileFromAnExportAndOpensItAgain() throws Exception {
    Path file = dir.resolve("index.sqlite");
    try (InputStream in = SearchFixtureTest.resource("multilingual.json");
        ExportReader export = ExportReader.open(in, "multilingual.json");
        SearchIndex index = SearchIndex.build(file, export, null);
        Stream<SearchHit> hits = index.search(SearchQuery.parse("lisbon"))) {
      assertThat(hits.map(SearchHit::nodeId)).containsExactly("f1", "f2");
    }
    assertThat(SearchIndex.isSqlite(file)).isTrue();
    try (SearchIndex index = SearchIndex.open(file);
        Stream<SearchHit> hits = index.search(SearchQuery.parse("京").withActiveBranchOnly(true))) {
      assertThat(hits.map(h -> h.conversationId() + " " + h.nodeId() + " " + h.deleted()))
          .containsExactly("c-tokyo null false", "c-tokyo b1 false", "c-tokyo b2 false");
    }
    try (InputStream in = SearchFixtureTest.resource("multilingual.json");
        ExportReader export = ExportReader.open(in, "multilingual.json")) {
      assertThatThrownBy(() -> SearchIndex.build(file, export, null))
          .isInstanceOf(FileAlreadyExistsException.class);
    }
  }

  @Test
  void opensOnlySqliteFilesWithSearchTables() throws Exception {
    assertThatThrownBy(() -> SearchIndex.open(dir.resolve("absent.sqlite")))
        .isInstanceOf(NoSuchFileException.class);
    Path json = Files.writeString(dir.resolve("conversations.json"), "[]");
    assertThatThrownBy(() -> SearchIndex.open(json))
        .hasMessageEndingWith(
            "conversations.json is not a SQLite file (an archive or a search index)");
    Path other = dir.resolve("other.sqlite");
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + other);
        Statement s = db.createStatement()) {
      s.execute("CREATE TABLE t(x)");
    }
    assertThatThrownBy(() -> SearchIndex.open(other))
        .hasMessageEndingWith(
            "other.sqlite is a SQLite file without search tables: not a chatexport archive or"
                + " search index");
  }

  @Test
  void aClosedStreamHasClosedItsStatement() throws Exception {
    Path file = dir.resolve("index.sqlite");
    try (InputStream in = SearchFixtureTest.resource("multilingual.json");
        ExportReader export = ExportReader.open(in, "multilingual.json");
        SearchIndex index = SearchIndex.build(file, export, null)) {
      Stream<SearchHit> hits = index.search(SearchQuery.parse("cafe"));
      assertThat(hits.iterator().next().contentType()).isEqualTo("title");
      hits.close();
      // a statement left open would keep the file locked against this write
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = db.createStatement()) {
        s.execute("PRAGMA busy_timeout = 0");
        s.execute("DELETE FROM search_texts");
      }
    }
  }

  /** Three conversations alike but for their ids, in the export's order b, a, c. */
  private static String threeAlike() {
    StringBuilder json = new StringBuilder("[");
    String[] ids = {"c-b", "c-a", "c-c"};
    for (int i = 0; i < ids.length; i++) {
      json.append(i > 0 ? "," : "")
          .append("{\"id\": \"")
          .append(ids[i])
          .append("\", \"title\": \"Harbour\",")
          .append(
              " \"create_time\": 1715331600.0, \"update_time\": 1715331601.0, \"current_node\": \"u1\",")
          .append(" \"mapping\": {\"r\": {\"id\": \"r\", \"message\": null, \"parent\": null,")
          .append(
              " \"children\": [\"u1\"]}, \"u1\": {\"id\": \"u1\", \"parent\": \"r\", \"children\": [],")
          .append(
              " \"message\": {\"id\": \"u1\", \"author\": {\"role\": \"user\"}, \"create_time\": 1715331601.0,")
          .append(
              " \"content\": {\"content_type\": \"text\", \"parts\": [\"harbour lights at night\"]},")
          .append(" \"metadata\": {}, \"recipient\": \"all\"}}}}");
    }
    return json.append(']').toString();
  }

  @Test
  void conversationsWithEqualBestScoresComeInTheOrderTheyWereIndexedAndTheLimitCutsAcrossThem()
      throws Exception {
    Path file = dir.resolve("index.sqlite");
    try (InputStream in = new ByteArrayInputStream(threeAlike().getBytes(StandardCharsets.UTF_8));
        ExportReader export = ExportReader.open(in, "conversations.json");
        SearchIndex index = SearchIndex.build(file, export, null)) {
      try (Stream<SearchHit> hits = index.search(SearchQuery.parse("harbour"))) {
        assertThat(hits.map(h -> h.conversationId() + " " + h.nodeId()))
            .containsExactly("c-b null", "c-b u1", "c-a null", "c-a u1", "c-c null", "c-c u1");
      }
      try (Stream<SearchHit> hits = index.search(SearchQuery.parse("harbour").withLimit(3))) {
        assertThat(hits.map(h -> h.conversationId() + " " + h.nodeId()))
            .containsExactly("c-b null", "c-b u1", "c-a null");
      }
      try (Stream<SearchHit> hits = index.search(SearchQuery.parse("arbou"))) {
        assertThat(hits.map(h -> h.conversationId() + " " + h.nodeId()))
            .containsExactly("c-b null", "c-b u1", "c-a null", "c-a u1", "c-c null", "c-c u1");
      }
    }
    // the build wrote the FTS5 tables in one pass and put back the trigger that keeps them current
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                    + " AND name = 'search_texts_inserted'")) {
      r.next();
      assertThat(r.getInt(1)).isEqualTo(1);
    }
  }
}
