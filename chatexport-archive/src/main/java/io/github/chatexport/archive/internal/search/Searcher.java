package io.github.chatexport.archive.internal.search;

import io.github.chatexport.archive.SearchHit;
import io.github.chatexport.archive.SearchQuery;
import io.github.chatexport.archive.SearchQueryException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Runs a query over the search tables: FTS5 ranks the matches, the conversations are taken in the
 * order of their best, each read whole when it comes; one statement per hit for its snippet.
 */
final class Searcher {
  /** Weights of the FTS5 columns (title, body) in BM25. */
  private static final String WEIGHTS = "10.0, 1.0";

  private static final int SNIPPET_TOKENS_WORDS = 20;
  private static final int SNIPPET_TOKENS_TRIGRAM = 48;

  private Searcher() {}

  /**
   * The FTS5 query of one term for the word table: a quoted string, so that nothing in it is FTS
   * syntax.
   */
  static String wordsMatch(ParsedQuery.Term term) {
    String quoted = quote(IndexText.words(term.text()));
    return term.kind() == ParsedQuery.Kind.PREFIX ? quoted + " *" : quoted;
  }

  /**
   * The FTS5 query of one term for the trigram table, or null when the term is not looked for
   * there.
   */
  static @Nullable String trigramMatch(ParsedQuery.Term term) {
    if (term.kind() != ParsedQuery.Kind.WORD
        || term.excluded()
        || IndexText.length(term.text()) < 3) {
      return null;
    }
    for (int i = 0; i < term.text().length(); ) {
      int cp = term.text().codePointAt(i);
      if (IndexText.spaceless(cp)) {
        return null; // the word table already finds these character by character
      }
      i += Character.charCount(cp);
    }
    return quote(term.text());
  }

  private static String quote(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** Stands, in a list of parameters, for the first rowid of the conversation looked at. */
  private static final Object LOW = new Object();

  /** Stands, in a list of parameters, for the last rowid of the conversation looked at. */
  private static final Object HIGH = new Object();

  /** Stands, in a list of parameters, for the conversation looked at. */
  private static final Object CONVERSATION = new Object();

  /** Numbers the temporary tables of the searches of this JVM, so that open searches never meet. */
  private static final AtomicLong SEARCHES = new AtomicLong();

  /**
   * The hits, lazily, in the order of {@link SearchTables#search}: conversations by their best hit
   * (then by their row), each one's hits by score (then by row).
   *
   * <p>BM25 is computed once per query and table, by FTS5, into a temporary table of scores: every
   * match of the word table ({@code search_w_N}), and only when they are wanted the matches of the
   * trigram table that the word table lacks ({@code search_g_N}). Every whole-word match scores 1
   * or more, every match inside words below 1, so the word table's come first; a text's score is
   * its word score when it has one. BM25's document frequencies are taken over the whole table each
   * time a statement calls it, so scoring each conversation by its own statement (as before) cost a
   * scan of every match of each term per conversation. The conversations are taken in the order of
   * the first appearance in the scores (best first); only then are that conversation's own scores
   * read, over the range of its rowids (a conversation's texts are written together when it is
   * first indexed; a message added by a later add comes after every text then indexed, so that the
   * range may hold other conversations' texts too, which the statements leave out). Snippets are
   * made for the hits that are read, by one statement per table and conversation. The temporary
   * tables are dropped when the stream ends or is closed.
   */
  static Stream<SearchHit> search(Connection connection, SearchQuery query) throws SQLException {
    ParsedQuery parsed = ParsedQuery.parse(query.text(), SearchQueryException::new);
    List<String> positiveWords = new ArrayList<>();
    List<String> positiveTrigrams = new ArrayList<>();
    for (List<ParsedQuery.Term> group : parsed.groups()) {
      for (ParsedQuery.Term term : group) {
        if (!term.excluded()) {
          positiveWords.add(wordsMatch(term));
          String trigram = trigramMatch(term);
          if (trigram != null) {
            positiveTrigrams.add(trigram);
          }
        }
      }
    }
    String anyWord = String.join(" OR ", positiveWords);
    String anyTrigram = positiveTrigrams.isEmpty() ? null : String.join(" OR ", positiveTrigrams);
    // One group of terms none of which is excluded: the matches of anyWord and anyTrigram are
    // exactly the hits.
    boolean onlyOneGroup =
        parsed.groups().size() == 1
            && parsed.groups().get(0).stream().noneMatch(ParsedQuery.Term::excluded);

    List<Object> filterParams = new ArrayList<>();
    String filters = filters(query, filterParams);
    List<Object> wholeParams = new ArrayList<>();
    String whole = onlyOneGroup ? "" : groups(parsed, false, wholeParams);
    List<Object> rangedParams = new ArrayList<>();
    String ranged = onlyOneGroup ? "" : groups(parsed, true, rangedParams);
    List<Object> rankedParams = new ArrayList<>(wholeParams);
    rankedParams.addAll(filterParams);

    long n = SEARCHES.incrementAndGet();
    Scores words =
        new Scores("temp.search_w_" + n, "1.0 - r", ranked("search_w_" + n, whole, filters));
    Scores trigrams =
        new Scores(
            "temp.search_g_" + n, "(0.0 - r) / (1.0 - r)", ranked("search_g_" + n, whole, filters));

    List<PreparedStatement> open = new ArrayList<>();
    List<String> drops = new ArrayList<>();
    try {
      dropPending(connection);
      scores(connection, drops, words, "search_words", anyWord, "");
      PreparedStatement rankedWords = prepare(connection, open, words.ranked());
      bind(rankedWords, rankedParams, 0, 0, 0);
      PreparedStatement range =
          prepare(
              connection, open, "SELECT min(id), max(id) FROM search_texts WHERE conversation = ?");
      PreparedStatement wordSnippet =
          prepare(
              connection,
              open,
              "SELECT CASE WHEN instr(?4, ',' || rowid || ',') > 0 THEN snippet(search_words, -1,"
                  + " char(2), char(3), '…', "
                  + SNIPPET_TOKENS_WORDS
                  + ") END, rowid FROM search_words WHERE search_words MATCH ?1"
                  + " AND rowid BETWEEN ?2 AND ?3");
      wordSnippet.setString(1, anyWord);
      PreparedStatement trigramSnippet = null;
      PreparedStatement trigramsInRange = null;
      if (anyTrigram != null) {
        trigramSnippet =
            prepare(
                connection,
                open,
                "SELECT CASE WHEN instr(?4, ',' || rowid || ',') > 0 THEN snippet(search_trigram,"
                    + " -1, char(2), char(3), '…', "
                    + SNIPPET_TOKENS_TRIGRAM
                    + ") END, rowid FROM search_trigram WHERE search_trigram MATCH ?1"
                    + " AND rowid BETWEEN ?2 AND ?3");
        trigramSnippet.setString(1, anyTrigram);
        trigramsInRange =
            prepare(
                connection,
                open,
                "SELECT 1 FROM search_trigram WHERE search_trigram MATCH ? AND rowid BETWEEN ? AND ?"
                    + " AND rowid NOT IN (SELECT id FROM "
                    + words.table()
                    + ") LIMIT 1");
        trigramsInRange.setString(1, anyTrigram);
      }
      List<Object> hitParams = new ArrayList<>(List.of(CONVERSATION));
      hitParams.addAll(rangedParams);
      hitParams.addAll(filterParams);
      Hits spliterator =
          new Hits(
              connection,
              open,
              drops,
              words,
              trigrams,
              anyTrigram,
              rankedWords.executeQuery(),
              rankedParams,
              range,
              trigramsInRange,
              " WHERE t.id = s.id AND c.id = t.conversation AND t.conversation = ?"
                  + ranged
                  + filters
                  + " ORDER BY s.score DESC, s.id",
              hitParams,
              wordSnippet,
              trigramSnippet,
              query.limit());
      return StreamSupport.stream(spliterator, false).onClose(spliterator::close);
    } catch (SQLException | RuntimeException e) {
      try {
        cleanUp(connection, open, drops);
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * A temporary table of BM25 scores ({@code id}, {@code r}: what {@code bm25()} gave), the score
   * of a hit in SQL over it, and the statement of its rows that pass the query, best first.
   */
  private record Scores(String table, String score, String ranked) {}

  /**
   * Creates the table of {@code scores} (to be dropped with {@code drops}), writes into it the
   * {@code bm25()} of every row of the FTS5 table {@code fts} that matches {@code match} (and
   * {@code also}, more SQL of the WHERE clause, or ""), then indexes it by rank: once the rows are
   * written, which is faster than keeping the index current.
   */
  private static void scores(
      Connection connection,
      List<String> drops,
      Scores scores,
      String fts,
      String match,
      String also)
      throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE TEMP TABLE " + scores.table() + "(id INTEGER PRIMARY KEY, r REAL NOT NULL)");
    }
    drops.add(scores.table());
    try (PreparedStatement fill =
        connection.prepareStatement(
            "INSERT INTO "
                + scores.table()
                + " SELECT rowid, bm25("
                + fts
                + ", "
                + WEIGHTS
                + ") FROM "
                + fts
                + " WHERE "
                + fts
                + " MATCH ?"
                + also)) {
      fill.setString(1, match);
      fill.executeUpdate();
    }
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE INDEX " + scores.table() + "_r ON " + scores.table().substring(5) + "(r, id)");
    }
  }

  private static PreparedStatement prepare(
      Connection connection, List<PreparedStatement> open, String sql) throws SQLException {
    PreparedStatement s = connection.prepareStatement(sql);
    open.add(s);
    return s;
  }

  /**
   * The scored texts of a temporary table that pass the query, best first (lowest BM25), with their
   * conversations.
   */
  private static String ranked(String table, String groups, String filters) {
    return "SELECT t.id, f.r, t.conversation FROM temp."
        + table
        // CROSS JOIN keeps the scores the outer loop, read in the order of their index: with a
        // plain JOIN the planner may drive the loop from the groups' IN lists and sort every match
        // before the first row.
        + " f CROSS JOIN search_texts t CROSS JOIN search_conversations c"
        + " WHERE t.id = f.id AND c.id = t.conversation"
        + groups
        + filters
        + " ORDER BY f.r, f.id";
  }

  /**
   * Each group of terms as a condition on {@code t.id}, over one conversation's rowids when {@code
   * ranged}.
   */
  private static String groups(ParsedQuery parsed, boolean ranged, List<Object> params) {
    String range = ranged ? " AND rowid BETWEEN ? AND ?" : "";
    StringBuilder where = new StringBuilder();
    for (List<ParsedQuery.Term> group : parsed.groups()) {
      where.append(" AND (");
      for (int i = 0; i < group.size(); i++) {
        ParsedQuery.Term term = group.get(i);
        if (i > 0) {
          where.append(" OR ");
        }
        String words = wordsMatch(term);
        where
            .append(term.excluded() ? "t.id NOT IN" : "t.id IN")
            .append(" (SELECT rowid FROM search_words WHERE search_words MATCH ?")
            .append(range)
            .append(')');
        addMatch(params, words, ranged);
        String trigram = term.excluded() ? null : trigramMatch(term);
        if (trigram != null) {
          where
              .append(" OR t.id IN (SELECT rowid FROM search_trigram WHERE search_trigram MATCH ?")
              .append(range)
              .append(')');
          addMatch(params, trigram, ranged);
        }
      }
      where.append(')');
    }
    return where.toString();
  }

  private static void addMatch(List<Object> params, String match, boolean ranged) {
    params.add(match);
    if (ranged) {
      params.add(LOW);
      params.add(HIGH);
    }
  }

  private static String filters(SearchQuery query, List<Object> params) {
    StringBuilder sql = new StringBuilder();
    if (query.role() != null) {
      sql.append(" AND t.role = ?");
      params.add(query.role());
    }
    if (query.model() != null) {
      sql.append(" AND t.model = ? COLLATE NOCASE");
      params.add(query.model());
    }
    if (query.since() != null) {
      sql.append(" AND t.create_time >= ?");
      params.add(Indexer.micros(query.since()));
    }
    if (query.until() != null) {
      sql.append(" AND t.create_time < ?");
      params.add(Indexer.micros(query.until()));
    }
    if (query.contentType() != null) {
      sql.append(" AND t.content_type = ?");
      params.add(query.contentType());
    }
    if (query.activeBranchOnly()) {
      sql.append(" AND t.active_branch = 1");
    }
    if (query.deletedOnly()) {
      sql.append(" AND c.deleted = 1");
    }
    return sql.toString();
  }

  private static void bind(
      PreparedStatement s, List<Object> params, long conversation, long low, long high)
      throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      Object p = params.get(i);
      if (p == LOW) {
        s.setLong(i + 1, low);
      } else if (p == HIGH) {
        s.setLong(i + 1, high);
      } else if (p == CONVERSATION) {
        s.setLong(i + 1, conversation);
      } else {
        s.setObject(i + 1, p);
      }
    }
  }

  /**
   * Temporary tables of finished searches not dropped yet, by connection: SQLite refuses to drop a
   * table while any statement of the connection is being read (another search still open), so their
   * rows are deleted at once and the tables dropped at a later search's start or end.
   */
  private static final Map<Connection, Set<String>> PENDING =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** SQLite's result code for a table locked by a statement of the same connection. */
  private static final int SQLITE_LOCKED = 6;

  /**
   * Closes the statements, then drops the temporary tables (or deletes their rows and drops them
   * later, see {@link #PENDING}); does nothing more once the connection is closed.
   */
  private static void cleanUp(
      Connection connection, List<PreparedStatement> open, List<String> drops) {
    SQLException first = null;
    for (PreparedStatement s : open) {
      try {
        s.close();
      } catch (SQLException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    open.clear();
    try {
      if (!connection.isClosed()) {
        Set<String> pending = PENDING.computeIfAbsent(connection, c -> new LinkedHashSet<>());
        synchronized (pending) {
          pending.addAll(drops);
        }
        dropPending(connection);
      }
    } catch (SQLException e) {
      if (first == null) {
        first = e;
      }
    }
    drops.clear();
    if (first != null) {
      throw SearchFailure.of(first);
    }
  }

  /** Drops the temporary tables of {@link #PENDING} that can be dropped now. */
  private static void dropPending(Connection connection) throws SQLException {
    Set<String> pending = PENDING.get(connection);
    if (pending == null) {
      return;
    }
    synchronized (pending) {
      try (Statement s = connection.createStatement()) {
        for (Iterator<String> it = pending.iterator(); it.hasNext(); ) {
          String table = it.next();
          try {
            s.execute("DROP TABLE IF EXISTS " + table);
            it.remove();
          } catch (SQLException e) {
            if ((e.getErrorCode() & 0xff) != SQLITE_LOCKED) {
              it.remove();
              throw e;
            }
            s.execute("DELETE FROM " + table);
          }
        }
      }
    }
  }

  /** A match of a ranked statement: its row, its score as a hit's, its conversation's row. */
  private record Match(long id, double score, long conversation) {}

  /**
   * The hits: conversations in the order their best matches come from the ranked statements (equal
   * best scores in the order of the conversations' rows), each conversation's hits read whole when
   * it comes.
   */
  private static final class Hits extends Spliterators.AbstractSpliterator<SearchHit> {
    private final Connection connection;
    private final List<PreparedStatement> open;
    private final List<String> drops;
    private final Scores words;
    private final Scores trigrams;
    private final @Nullable String anyTrigram;
    private ResultSet ranked;
    private boolean rankedTrigrams;
    private final List<Object> rankedParams;
    private final PreparedStatement range;
    private final @Nullable PreparedStatement trigramsInRange;
    private final String hitsWhere;
    private final List<Object> hitParams;
    private final PreparedStatement wordSnippet;
    private final @Nullable PreparedStatement trigramSnippet;
    private final Set<Long> seen = new HashSet<>();

    /** The hits of one conversation from the word scores alone, and from both; prepared lazily. */
    private @Nullable PreparedStatement wordHits;

    private @Nullable PreparedStatement allHits;

    /** Whether the trigram scores have been written. */
    private boolean trigramsScored;

    /** Conversations whose best score is the one last read, to be read in order of their rows. */
    private final ArrayDeque<Long> next = new ArrayDeque<>();

    private @Nullable Match lookahead;

    /** The hits of the conversation being read, not handed out yet. */
    private final ArrayDeque<SearchHit> ready = new ArrayDeque<>();

    private long left;
    private boolean done;

    Hits(
        Connection connection,
        List<PreparedStatement> open,
        List<String> drops,
        Scores words,
        Scores trigrams,
        @Nullable String anyTrigram,
        ResultSet ranked,
        List<Object> rankedParams,
        PreparedStatement range,
        @Nullable PreparedStatement trigramsInRange,
        String hitsWhere,
        List<Object> hitParams,
        PreparedStatement wordSnippet,
        @Nullable PreparedStatement trigramSnippet,
        int limit) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.connection = connection;
      this.open = open;
      this.drops = drops;
      this.words = words;
      this.trigrams = trigrams;
      this.anyTrigram = anyTrigram;
      this.ranked = ranked;
      this.rankedParams = rankedParams;
      this.range = range;
      this.trigramsInRange = trigramsInRange;
      this.hitsWhere = hitsWhere;
      this.hitParams = hitParams;
      this.wordSnippet = wordSnippet;
      this.trigramSnippet = trigramSnippet;
      this.left = limit > 0 ? limit : Long.MAX_VALUE;
    }

    @Override
    public boolean tryAdvance(Consumer<? super SearchHit> action) {
      if (done) {
        return false;
      }
      try {
        while (ready.isEmpty()) {
          Long conversation = nextConversation();
          if (conversation == null) {
            finish();
            return false;
          }
          read(conversation);
        }
        action.accept(ready.poll());
        if (--left == 0) {
          finish();
        }
        return true;
      } catch (SQLException e) {
        throw SearchFailure.of(e);
      }
    }

    private void finish() {
      done = true;
      ready.clear();
      cleanUp(connection, open, drops);
    }

    /** Frees the statements and the temporary tables; idempotent. */
    void close() {
      done = true;
      ready.clear();
      cleanUp(connection, open, drops);
    }

    /** The next conversation to read, or null when there is none. */
    private @Nullable Long nextConversation() throws SQLException {
      while (next.isEmpty()) {
        Match first = nextMatch();
        while (first != null && seen.contains(first.conversation())) {
          first = nextMatch();
        }
        if (first == null) {
          return null;
        }
        List<Long> tied = new ArrayList<>();
        tied.add(first.conversation());
        seen.add(first.conversation());
        Match m;
        while ((m = nextMatch()) != null && m.score() == first.score()) {
          if (seen.add(m.conversation())) {
            tied.add(m.conversation());
          }
        }
        lookahead = m;
        tied.sort(null);
        next.addAll(tied);
      }
      return next.poll();
    }

    /** The next match of the word table, then of the trigram table; null after the last. */
    private @Nullable Match nextMatch() throws SQLException {
      if (lookahead != null) {
        Match m = lookahead;
        lookahead = null;
        return m;
      }
      while (!ranked.next()) {
        if (rankedTrigrams || anyTrigram == null) {
          return null;
        }
        ranked.close();
        scoreTrigrams();
        PreparedStatement statement = prepare(connection, open, trigrams.ranked());
        bind(statement, rankedParams, 0, 0, 0);
        ranked = statement.executeQuery();
        rankedTrigrams = true;
      }
      double r = ranked.getDouble(2);
      double score = rankedTrigrams ? (0.0 - r) / (1.0 - r) : 1.0 - r;
      return new Match(ranked.getLong(1), score, ranked.getLong(3));
    }

    /**
     * Writes the trigram scores of the texts that only the trigram table finds, once: FTS5 takes
     * the document frequencies over the whole table, so this costs a pass over every match.
     */
    private void scoreTrigrams() throws SQLException {
      if (trigramsScored || anyTrigram == null) {
        return;
      }
      scores(
          connection,
          drops,
          trigrams,
          "search_trigram",
          anyTrigram,
          " AND rowid NOT IN (SELECT id FROM " + words.table() + ")");
      trigramsScored = true;
    }

    private ResultSet open(long conversation) throws SQLException {
      long low;
      long high;
      range.setLong(1, conversation);
      try (ResultSet r = range.executeQuery()) {
        r.next();
        low = r.getLong(1);
        high = r.getLong(2);
      }
      if (!trigramsScored && trigramsInRange != null) {
        trigramsInRange.setLong(2, low);
        trigramsInRange.setLong(3, high);
        try (ResultSet r = trigramsInRange.executeQuery()) {
          if (r.next()) {
            scoreTrigrams();
          }
        }
      }
      PreparedStatement hits;
      if (trigramsScored) {
        if (allHits == null) {
          allHits = prepare(connection, open, hits(words, trigrams));
        }
        hits = allHits;
      } else {
        if (wordHits == null) {
          wordHits = prepare(connection, open, hits(words, null));
        }
        hits = wordHits;
      }
      List<Object> params = new ArrayList<>(List.of(LOW, HIGH));
      if (hits == allHits) {
        params.addAll(List.of(LOW, HIGH));
      }
      params.addAll(hitParams);
      bind(hits, params, conversation, low, high);
      return hits.executeQuery();
    }

    /** The statement of one conversation's hits, over its range of rowids. */
    private String hits(Scores words, @Nullable Scores trigrams) {
      StringBuilder sql =
          new StringBuilder("SELECT s.id, s.score, c.conversation_id, t.node_id, c.title,")
              .append(
                  " t.create_time, t.role, t.model, t.content_type, t.active_branch, c.deleted,")
              .append(" t.body, c.create_time, s.word FROM (SELECT id, ")
              .append(words.score())
              .append(" AS score, 1 AS word FROM ")
              .append(words.table())
              .append(" WHERE id BETWEEN ? AND ?");
      if (trigrams != null) {
        sql.append(" UNION ALL SELECT id, ")
            .append(trigrams.score())
            .append(", 0 FROM ")
            .append(trigrams.table())
            .append(" WHERE id BETWEEN ? AND ?");
      }
      return sql.append(") s CROSS JOIN search_texts t CROSS JOIN search_conversations c")
          .append(hitsWhere)
          .toString();
    }

    /** A hit's row as read, before its snippet. */
    private record Row(
        long id,
        double score,
        String conversationId,
        @Nullable String nodeId,
        @Nullable String title,
        @Nullable Instant time,
        @Nullable String role,
        @Nullable String model,
        String contentType,
        boolean active,
        boolean deleted,
        @Nullable String body,
        @Nullable Instant conversationTime,
        boolean word) {}

    /**
     * Reads the hits of one conversation (as many as are still wanted) into {@link #ready}, with
     * their snippets: one statement per table over the rows' range rather than one per hit.
     */
    private void read(long conversation) throws SQLException {
      List<Row> rows = new ArrayList<>();
      try (ResultSet r = open(conversation)) {
        while (rows.size() < left && r.next()) {
          rows.add(
              new Row(
                  r.getLong(1),
                  r.getDouble(2),
                  r.getString(3),
                  r.getString(4),
                  r.getString(5),
                  instant(r, 6),
                  r.getString(7),
                  r.getString(8),
                  r.getString(9),
                  r.getInt(10) != 0,
                  r.getInt(11) != 0,
                  r.getString(12),
                  instant(r, 13),
                  r.getInt(14) != 0));
        }
      }
      // A text without a word score has no match in the word table, so no snippet there.
      Map<Long, Snippet> snippets =
          snippets(wordSnippet, rows.stream().filter(Row::word).mapToLong(Row::id).toArray());
      PreparedStatement trigramSnippet = this.trigramSnippet;
      if (trigramSnippet != null) {
        snippets.putAll(
            snippets(
                trigramSnippet,
                rows.stream()
                    .mapToLong(Row::id)
                    .filter(id -> !snippets.containsKey(id))
                    .toArray()));
      }
      for (Row row : rows) {
        Snippet snippet = snippets.get(row.id());
        if (snippet == null) {
          String body = row.body();
          String title = row.title();
          String text = body != null ? body : title != null ? title : "";
          snippet = Snippet.parse(text.length() > 200 ? text.substring(0, 200) + "…" : text);
        }
        ready.add(
            new SearchHit(
                row.conversationId(),
                row.nodeId(),
                row.title(),
                row.conversationTime(),
                row.time(),
                row.role(),
                row.model(),
                row.contentType(),
                row.active(),
                row.deleted(),
                snippet.text(),
                snippet.highlights(),
                row.score()));
      }
    }

    private static @Nullable Instant instant(ResultSet rows, int column) throws SQLException {
      long micros = rows.getLong(column);
      return rows.wasNull()
          ? null
          : Instant.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /**
     * The snippets with a match of the texts {@code ids}, by row: the statement's over the range of
     * rows from the least to the greatest of them, made only for those rows (other matches in the
     * range, such as texts a filter leaves out or hits past the limit, are only stepped over).
     */
    private static Map<Long, Snippet> snippets(PreparedStatement statement, long[] ids)
        throws SQLException {
      Map<Long, Snippet> out = new HashMap<>();
      if (ids.length == 0) {
        return out;
      }
      Set<Long> wanted = new HashSet<>();
      StringBuilder list = new StringBuilder(",");
      long low = Long.MAX_VALUE;
      long high = Long.MIN_VALUE;
      for (long id : ids) {
        wanted.add(id);
        list.append(id).append(',');
        low = Math.min(low, id);
        high = Math.max(high, id);
      }
      statement.setLong(2, low);
      statement.setLong(3, high);
      statement.setString(4, list.toString()); // snippet() runs only for these rows
      try (ResultSet r = statement.executeQuery()) {
        while (r.next()) {
          long id = r.getLong(2);
          String s = r.getString(1);
          if (wanted.contains(id) && s != null && s.indexOf(IndexText.MARK_START) >= 0) {
            out.put(id, Snippet.parse(IndexText.display(s)));
          }
        }
      }
      return out;
    }
  }

  /** A snippet's text on one line and where its marks were. */
  record Snippet(String text, List<SearchHit.Span> highlights) {
    /** Reads the marks FTS5 wrote, drops them, and makes runs of white space one space. */
    static Snippet parse(String marked) {
      StringBuilder out = new StringBuilder(marked.length());
      List<SearchHit.Span> spans = new ArrayList<>();
      int start = -1;
      for (int i = 0; i < marked.length(); i++) {
        char c = marked.charAt(i);
        if (c == IndexText.MARK_START) {
          start = out.length();
        } else if (c == IndexText.MARK_END) {
          if (start >= 0 && out.length() > start) {
            spans.add(new SearchHit.Span(start, out.length()));
          }
          start = -1;
        } else if (Character.isWhitespace(c)) {
          if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
          }
        } else {
          out.append(c);
        }
      }
      int end = out.length();
      while (end > 0 && out.charAt(end - 1) == ' ') {
        end--;
      }
      out.setLength(end);
      List<SearchHit.Span> kept = new ArrayList<>();
      for (SearchHit.Span s : spans) {
        if (s.start() < end) {
          kept.add(new SearchHit.Span(s.start(), Math.min(s.end(), end)));
        }
      }
      return new Snippet(out.toString(), kept);
    }
  }

  /** An SQL failure while a stream is read: unchecked, as streams need. */
  static final class SearchFailure {
    private SearchFailure() {}

    static UncheckedIOException of(SQLException e) {
      return new UncheckedIOException(
          new java.io.IOException("search failed: " + e.getMessage(), e));
    }
  }
}
