package io.github.chatexport.archive.internal.search;

import io.github.chatexport.archive.SearchHit;
import io.github.chatexport.archive.SearchQuery;
import io.github.chatexport.archive.SearchQueryException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/** Runs a query over the search tables: one statement for the ranked hits, one per hit for its snippet. */
final class Searcher {
  /** Weights of the FTS5 columns (title, body) in BM25. */
  private static final String WEIGHTS = "10.0, 1.0";
  private static final int SNIPPET_TOKENS_WORDS = 20;
  private static final int SNIPPET_TOKENS_TRIGRAM = 48;

  private Searcher() {}

  /** The FTS5 query of one term for the word table: a quoted string, so that nothing in it is FTS syntax. */
  static String wordsMatch(ParsedQuery.Term term) {
    String quoted = quote(IndexText.words(term.text()));
    return term.kind() == ParsedQuery.Kind.PREFIX ? quoted + " *" : quoted;
  }

  /** The FTS5 query of one term for the trigram table, or null when the term is not looked for there. */
  static @Nullable String trigramMatch(ParsedQuery.Term term) {
    if (term.kind() != ParsedQuery.Kind.WORD || term.excluded() || IndexText.length(term.text()) < 3) {
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

  static Stream<SearchHit> search(Connection connection, SearchQuery query) throws SQLException {
    ParsedQuery parsed = ParsedQuery.parse(query.text(), SearchQueryException::new);
    List<Object> params = new ArrayList<>();
    List<String> positiveWords = new ArrayList<>();
    List<String> positiveTrigrams = new ArrayList<>();
    StringBuilder where = new StringBuilder();
    List<Object> whereParams = new ArrayList<>();
    for (List<ParsedQuery.Term> group : parsed.groups()) {
      where.append(" AND (");
      for (int i = 0; i < group.size(); i++) {
        ParsedQuery.Term term = group.get(i);
        if (i > 0) {
          where.append(" OR ");
        }
        String words = wordsMatch(term);
        if (term.excluded()) {
          where.append("t.id NOT IN (SELECT rowid FROM search_words WHERE search_words MATCH ?)");
          whereParams.add(words);
          continue;
        }
        positiveWords.add(words);
        where.append("t.id IN (SELECT rowid FROM search_words WHERE search_words MATCH ?)");
        whereParams.add(words);
        String trigram = trigramMatch(term);
        if (trigram != null) {
          positiveTrigrams.add(trigram);
          where.append(" OR t.id IN (SELECT rowid FROM search_trigram WHERE search_trigram MATCH ?)");
          whereParams.add(trigram);
        }
      }
      where.append(')');
    }
    String anyWord = String.join(" OR ", positiveWords);
    String anyTrigram = positiveTrigrams.isEmpty() ? null : String.join(" OR ", positiveTrigrams);

    StringBuilder sql = new StringBuilder("WITH w AS MATERIALIZED (SELECT rowid AS id, bm25(search_words, ")
        .append(WEIGHTS).append(") AS r FROM search_words WHERE search_words MATCH ?)");
    params.add(anyWord);
    if (anyTrigram != null) {
      sql.append(", g AS MATERIALIZED (SELECT rowid AS id, bm25(search_trigram, ").append(WEIGHTS)
          .append(") AS r FROM search_trigram WHERE search_trigram MATCH ?)");
      params.add(anyTrigram);
    }
    // Each text's score: its best of the word match (1 and more) and the match inside words (below 1).
    sql.append(", scored AS (SELECT id, max(s) AS score FROM (SELECT id, 1.0 - r AS s FROM w");
    if (anyTrigram != null) {
      sql.append(" UNION ALL SELECT id, (0.0 - r) / (1.0 - r) AS s FROM g");
    }
    sql.append(") GROUP BY id)");
    sql.append(", hits AS (SELECT s.id AS id, t.conversation AS conversation, s.score AS score FROM scored s")
        .append(" JOIN search_texts t ON t.id = s.id JOIN search_conversations c ON c.id = t.conversation");
    sql.append(" WHERE 1 = 1");
    // One group of terms none of which is excluded: the scored texts are exactly the matches.
    boolean onlyOneGroup = parsed.groups().size() == 1
        && parsed.groups().get(0).stream().noneMatch(ParsedQuery.Term::excluded);
    if (!onlyOneGroup) {
      sql.append(where);
      params.addAll(whereParams);
    }
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
    sql.append("), ranked AS (SELECT id, conversation, score,"
        + " max(score) OVER (PARTITION BY conversation) AS best FROM hits)"
        + " SELECT r.id, r.score, c.conversation_id, t.node_id, c.title, t.create_time, t.role, t.model,"
        + " t.content_type, t.active_branch, c.deleted, t.body, c.create_time"
        + " FROM ranked r JOIN search_texts t ON t.id = r.id JOIN search_conversations c ON c.id = r.conversation"
        + " ORDER BY r.best DESC, r.conversation, r.score DESC, r.id");
    if (query.limit() > 0) {
      sql.append(" LIMIT ?");
      params.add(query.limit());
    }
    PreparedStatement hits = connection.prepareStatement(sql.toString());
    PreparedStatement wordSnippet = null;
    PreparedStatement trigramSnippet = null;
    try {
      for (int i = 0; i < params.size(); i++) {
        hits.setObject(i + 1, params.get(i));
      }
      wordSnippet = connection.prepareStatement("SELECT snippet(search_words, -1, char(2), char(3), '…', "
          + SNIPPET_TOKENS_WORDS + ") FROM search_words WHERE search_words MATCH ? AND rowid = ?");
      wordSnippet.setString(1, anyWord);
      if (anyTrigram != null) {
        trigramSnippet = connection.prepareStatement("SELECT snippet(search_trigram, -1, char(2), char(3), '…', "
            + SNIPPET_TOKENS_TRIGRAM + ") FROM search_trigram WHERE search_trigram MATCH ? AND rowid = ?");
        trigramSnippet.setString(1, anyTrigram);
      }
      ResultSet rows = hits.executeQuery();
      Hits spliterator = new Hits(rows, wordSnippet, trigramSnippet);
      PreparedStatement[] all = {hits, wordSnippet, trigramSnippet};
      return StreamSupport.stream(spliterator, false).onClose(() -> closeAll(all));
    } catch (SQLException | RuntimeException e) {
      closeAll(new PreparedStatement[] {hits, wordSnippet, trigramSnippet});
      throw e;
    }
  }

  private static void closeAll(@Nullable PreparedStatement[] statements) {
    SQLException first = null;
    for (PreparedStatement s : statements) {
      if (s != null) {
        try {
          s.close();
        } catch (SQLException e) {
          if (first == null) {
            first = e;
          }
        }
      }
    }
    if (first != null) {
      throw SearchFailure.of(first);
    }
  }

  /** The rows of the ranked statement as hits, each with its snippet. */
  private static final class Hits extends Spliterators.AbstractSpliterator<SearchHit> {
    private final ResultSet rows;
    private final PreparedStatement wordSnippet;
    private final @Nullable PreparedStatement trigramSnippet;
    private boolean done;

    Hits(ResultSet rows, PreparedStatement wordSnippet, @Nullable PreparedStatement trigramSnippet) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.rows = rows;
      this.wordSnippet = wordSnippet;
      this.trigramSnippet = trigramSnippet;
    }

    @Override
    public boolean tryAdvance(Consumer<? super SearchHit> action) {
      if (done) {
        return false;
      }
      try {
        if (!rows.next()) {
          done = true;
          return false;
        }
        long id = rows.getLong(1);
        double score = rows.getDouble(2);
        String conversationId = rows.getString(3);
        String nodeId = rows.getString(4);
        String title = rows.getString(5);
        Instant time = instant(rows, 6);
        String role = rows.getString(7);
        String model = rows.getString(8);
        String contentType = rows.getString(9);
        boolean active = rows.getInt(10) != 0;
        boolean deleted = rows.getInt(11) != 0;
        String body = rows.getString(12);
        Instant conversationTime = instant(rows, 13);
        Snippet snippet = snippet(wordSnippet, id);
        if (snippet == null && trigramSnippet != null) {
          snippet = snippet(trigramSnippet, id);
        }
        if (snippet == null) {
          String text = body != null ? body : title != null ? title : "";
          snippet = Snippet.parse(text.length() > 200 ? text.substring(0, 200) + "…" : text);
        }
        action.accept(new SearchHit(conversationId, nodeId, title, conversationTime, time, role, model, contentType, active, deleted,
            snippet.text(), snippet.highlights(), score));
        return true;
      } catch (SQLException e) {
        throw SearchFailure.of(e);
      }
    }

    private static @Nullable Instant instant(ResultSet rows, int column) throws SQLException {
      long micros = rows.getLong(column);
      return rows.wasNull() ? null
          : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static @Nullable Snippet snippet(PreparedStatement statement, long id) throws SQLException {
      statement.setLong(2, id);
      try (ResultSet r = statement.executeQuery()) {
        if (r.next()) {
          String s = r.getString(1);
          if (s != null && s.indexOf(IndexText.MARK_START) >= 0) {
            return Snippet.parse(IndexText.display(s));
          }
        }
      }
      return null;
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
      return new UncheckedIOException(new java.io.IOException("search failed: " + e.getMessage(), e));
    }
  }
}
