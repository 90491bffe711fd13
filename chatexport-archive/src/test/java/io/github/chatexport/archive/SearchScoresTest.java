package io.github.chatexport.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.api.Author;
import io.github.chatexport.api.Content;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.MessageNode;
import io.github.chatexport.archive.internal.search.SearchTables;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scores of hits against what FTS5's {@code bm25()} gives over the whole tables, for whole
 * words and for parts of words in one conversation; and the temporary tables a search writes its
 * scores to.
 */
final class SearchScoresTest {
  private static Conversation conversation(String id, String title, String... texts) {
    List<MessageNode> nodes = new ArrayList<>();
    String parent = null;
    for (int i = 0; i < texts.length; i++) {
      String node = "n" + i;
      Message m = Message.of(node, Author.of("user"), Content.Text.of(texts[i]));
      nodes.add(
          MessageNode.of(node, m, parent)
              .withChildIds(i + 1 < texts.length ? List.of("n" + (i + 1)) : List.of()));
      parent = node;
    }
    return Conversation.of(id, title, nodes).withCurrentNode(parent);
  }

  private static Connection indexed() throws SQLException {
    Connection db = DriverManager.getConnection("jdbc:sqlite::memory:");
    SearchTables.createTables(db);
    SearchTables.update(
        db,
        conversation(
            "c-1",
            "Harbour",
            "the lighthouse keeper",
            "lighthouses everywhere, lighthouses",
            "nothing here"),
        false);
    SearchTables.update(db, conversation("c-2", "Coast", "two lighthouses", "a lighthouse"), false);
    SearchTables.update(db, conversation("c-3", "Cape", "old lighthouses only"), false);
    for (int i = 0; i < 5; i++) {
      SearchTables.update(db, conversation("filler-" + i, "Filler", "sand and sea " + i), false);
    }
    return db;
  }

  /** {@code 1 - bm25} of the word table, or {@code s / (1 + s)} of the trigram table's. */
  private static double expected(Connection db, String table, String match, long row)
      throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement(
            "SELECT rowid, bm25("
                + table
                + ", 10.0, 1.0) FROM "
                + table
                + " WHERE "
                + table
                + " MATCH ?")) {
      s.setString(1, match);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (r.getLong(1) == row) {
            double bm25 = r.getDouble(2);
            return table.equals("search_words") ? 1.0 - bm25 : (0.0 - bm25) / (1.0 - bm25);
          }
        }
      }
    }
    throw new AssertionError("no match of " + match + " in " + table + " at row " + row);
  }

  private static long row(Connection db, String conversation, String node) throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement(
            "SELECT t.id FROM search_texts t JOIN search_conversations c ON c.id = t.conversation"
                + " WHERE c.conversation_id = ? AND t.node_id = ?")) {
      s.setString(1, conversation);
      s.setString(2, node);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static List<String> render(Stream<SearchHit> hits) {
    return hits.map(h -> h.conversationId() + " " + h.nodeId() + " " + h.rank())
        .collect(Collectors.toList());
  }

  private static int temporaryTables(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_temp_schema")) {
      r.next();
      return r.getInt(1);
    }
  }

  @Test
  void wholeWordsThenPartsOfWordsWithTheScoresOfTheWholeTables() throws Exception {
    try (Connection db = indexed()) {
      List<String> hits;
      try (Stream<SearchHit> s = SearchTables.search(db, SearchQuery.parse("lighthouse"))) {
        hits = render(s);
      }
      String words = "\"lighthouse\"";
      assertThat(hits)
          .containsExactly(
              // c-2's whole word scores above c-1's (a shorter text); then each conversation's
              // texts that have the word only inside a longer one, below every whole word
              "c-2 n1 " + expected(db, "search_words", words, row(db, "c-2", "n1")),
              "c-2 n0 " + expected(db, "search_trigram", words, row(db, "c-2", "n0")),
              "c-1 n0 " + expected(db, "search_words", words, row(db, "c-1", "n0")),
              "c-1 n1 " + expected(db, "search_trigram", words, row(db, "c-1", "n1")),
              "c-3 n0 " + expected(db, "search_trigram", words, row(db, "c-3", "n0")));
      assertThat(temporaryTables(db)).isZero();
    }
  }

  @Test
  void searchesOpenAtOnceKeepTheirOwnScoresAndLeaveNoTablesBehind() throws Exception {
    try (Connection db = indexed()) {
      List<String> lighthouse;
      List<String> sea;
      try (Stream<SearchHit> s = SearchTables.search(db, SearchQuery.parse("lighthouse"))) {
        lighthouse = render(s);
      }
      try (Stream<SearchHit> s = SearchTables.search(db, SearchQuery.parse("sea OR keeper"))) {
        sea = render(s);
      }
      assertThat(sea).hasSize(6);
      List<String> a = new ArrayList<>();
      List<String> b = new ArrayList<>();
      try (Stream<SearchHit> first = SearchTables.search(db, SearchQuery.parse("lighthouse"));
          Stream<SearchHit> second = SearchTables.search(db, SearchQuery.parse("sea OR keeper"))) {
        Iterator<SearchHit> i = first.iterator();
        Iterator<SearchHit> j = second.iterator();
        while (i.hasNext() || j.hasNext()) {
          if (i.hasNext()) {
            SearchHit h = i.next();
            a.add(h.conversationId() + " " + h.nodeId() + " " + h.rank());
          }
          if (j.hasNext()) {
            SearchHit h = j.next();
            b.add(h.conversationId() + " " + h.nodeId() + " " + h.rank());
          }
        }
      }
      assertThat(a).isEqualTo(lighthouse);
      assertThat(b).isEqualTo(sea);
      assertThat(temporaryTables(db)).isZero();
      // a stream closed before its end
      try (Stream<SearchHit> s = SearchTables.search(db, SearchQuery.parse("lighthouse"))) {
        assertThat(s.iterator().next().conversationId()).isEqualTo("c-2");
        assertThat(temporaryTables(db)).isPositive();
      }
      assertThat(temporaryTables(db)).isZero();
    }
  }
}
