package io.github.chatexport.archive.internal.search;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.archive.SearchHit;
import io.github.chatexport.archive.SearchQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * The {@code search_*} tables of a SQLite file (an archive, or an index of a plain export): what
 * the archive calls, inside its own transactions. Nothing here commits, rolls back or opens a
 * transaction.
 *
 * <ul>
 *   <li>{@code search_conversations}: one row per conversation id (title, times, deleted flag);
 *   <li>{@code search_texts}: one row per indexed text (every message of every node with text, and
 *       each title): conversation, node, role, time (microseconds since the epoch, UTC), model,
 *       content type, active branch, the clean text, and the word table's form of it when that
 *       differs;
 *   <li>{@code search_words}: FTS5 over it, {@code unicode61 remove_diacritics 2}, for words;
 *   <li>{@code search_trigram}: FTS5 over it, {@code trigram remove_diacritics 1}, for parts of
 *       words;
 *   <li>{@code search_meta}: the schema version.
 * </ul>
 *
 * Both FTS5 tables take their text from {@code search_texts} (external content), kept in step by
 * triggers.
 */
public final class SearchTables {
  /** The version of the tables' layout, in {@code search_meta}. */
  public static final String SCHEMA_VERSION = "1";

  private static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS search_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "INSERT OR IGNORE INTO search_meta(key, value) VALUES ('schema_version', '"
        + SCHEMA_VERSION
        + "')",
    "CREATE TABLE IF NOT EXISTS search_conversations("
        + "id INTEGER PRIMARY KEY, conversation_id TEXT NOT NULL UNIQUE, title TEXT, create_time INTEGER,"
        + " update_time INTEGER, deleted INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS search_texts("
        + "id INTEGER PRIMARY KEY, conversation INTEGER NOT NULL REFERENCES search_conversations(id),"
        + " node_id TEXT, role TEXT, create_time INTEGER, model TEXT, content_type TEXT NOT NULL,"
        + " active_branch INTEGER NOT NULL, title TEXT, body TEXT, words_title TEXT, words_body TEXT)",
    "CREATE INDEX IF NOT EXISTS search_texts_by_conversation ON search_texts(conversation)",
    "CREATE VIEW IF NOT EXISTS search_words_content AS SELECT id, coalesce(words_title, title) AS title,"
        + " coalesce(words_body, body) AS body FROM search_texts",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_words USING fts5(title, body, content='search_words_content',"
        + " content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_trigram USING fts5(title, body, content='search_texts',"
        + " content_rowid='id', tokenize='trigram remove_diacritics 1')",
    "CREATE TRIGGER IF NOT EXISTS search_texts_inserted AFTER INSERT ON search_texts BEGIN"
        + " INSERT INTO search_words(rowid, title, body)"
        + " VALUES (new.id, coalesce(new.words_title, new.title), coalesce(new.words_body, new.body));"
        + " INSERT INTO search_trigram(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_texts_deleted AFTER DELETE ON search_texts BEGIN"
        + " INSERT INTO search_words(search_words, rowid, title, body)"
        + " VALUES ('delete', old.id, coalesce(old.words_title, old.title), coalesce(old.words_body, old.body));"
        + " INSERT INTO search_trigram(search_trigram, rowid, title, body)"
        + " VALUES ('delete', old.id, old.title, old.body); END",
  };

  private SearchTables() {}

  /**
   * Creates the tables, triggers and view when they are not there yet; does nothing when they are.
   */
  public static void createTables(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String sql : SCHEMA) {
        s.execute(sql);
      }
    }
  }

  /**
   * Stops the texts written from here on from reaching the FTS5 tables, until {@link
   * #rebuildFullText}: for an index built afresh. Each row written through the trigger is its own
   * statement, and FTS5 writes what it holds in memory as a new segment at every statement's
   * savepoint, then merges those small segments again and again; one {@code rebuild} at the end
   * writes each table in a single pass (2.6 times faster on a 20 MB export).
   */
  public static void suspendFullText(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("DROP TRIGGER IF EXISTS search_texts_inserted");
    }
  }

  /**
   * Builds both FTS5 tables again from {@code search_texts} and puts the trigger back that keeps
   * them current: see {@link #suspendFullText}.
   */
  public static void rebuildFullText(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("INSERT INTO search_words(search_words) VALUES ('rebuild')");
      s.execute("INSERT INTO search_trigram(search_trigram) VALUES ('rebuild')");
    }
    createTables(connection);
  }

  /**
   * Writes into both FTS5 tables what the trigger that {@link #suspendFullText} dropped would have
   * written for the rows {@code pending} recorded, in one statement per table and in ascending
   * rowid order, so that FTS5 writes its segments for all of them at once, not one per row (FTS5
   * also writes out what it holds whenever a rowid is not above the last one written): for an
   * archive's add, which indexes some texts into an index that already holds others (where a {@link
   * #rebuildFullText} would write them all again). Then forgets them; the trigger stays dropped
   * (put it back with {@link #createTables}).
   */
  public static void catchUpFullText(Connection connection, PendingFullText pending)
      throws SQLException {
    if (pending.isEmpty()) {
      pending.clear();
      return;
    }
    // CROSS JOIN: the ranges (ascending, apart) are the outer loop, each read by its rowids, so
    // that the rows come in rowid order without sorting every text
    String texts =
        " FROM json_each(?) r CROSS JOIN search_texts t"
            + " WHERE t.id BETWEEN r.value ->> 0 AND r.value ->> 1";
    String ranges = pending.json();
    for (String sql :
        new String[] {
          "INSERT INTO search_words(rowid, title, body) SELECT t.id,"
              + " coalesce(t.words_title, t.title), coalesce(t.words_body, t.body)"
              + texts,
          "INSERT INTO search_trigram(rowid, title, body) SELECT t.id, t.title, t.body" + texts
        }) {
      try (PreparedStatement s = connection.prepareStatement(sql)) {
        s.setString(1, ranges);
        s.executeUpdate();
      }
    }
    pending.clear();
  }

  /** Whether the file behind {@code connection} has the search tables. */
  public static boolean hasTables(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        var rows =
            s.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE name IN"
                    + " ('search_conversations', 'search_texts', 'search_words', 'search_trigram')")) {
      return rows.next() && rows.getInt(1) == 4;
    }
  }

  /**
   * Makes what is indexed for {@code merged.id()} the texts of {@code merged}: every node of every
   * branch, and the title (see {@link Indexer#update}).
   *
   * @param deleted whether the conversation is gone from the account (kept by the archive)
   */
  public static void update(Connection connection, Conversation merged, boolean deleted)
      throws SQLException {
    try (Indexer indexer = new Indexer(connection)) {
      indexer.update(merged, deleted);
    }
  }

  /**
   * The hits of a query, lazily: grouped by conversation (the conversation of the best hit first),
   * best hits first within each. Closing the stream closes its statements.
   *
   * @throws io.github.chatexport.archive.SearchQueryException when the query's text cannot be
   *     parsed
   */
  public static Stream<SearchHit> search(Connection connection, SearchQuery query)
      throws SQLException {
    return Searcher.search(connection, query);
  }
}
