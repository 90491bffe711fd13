package io.github.chatexport.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.archive.internal.search.SearchTables;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.testdata.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The queries of {@code search/multilingual.hits} (chatexport-testdata) over {@code
 * search/multilingual.json}, indexed with {@link SearchTables#update} as the archive calls it
 * ({@code c-deleted} marked deleted), each query's hits rendered and the whole file compared.
 */
final class SearchFixtureTest {
  static final String DIR = "/io/github/chatexport/testdata/search/";
  private static Connection db;

  @BeforeAll
  static void index() throws Exception {
    db = DriverManager.getConnection("jdbc:sqlite::memory:");
    SearchTables.createTables(db);
    SearchTables.createTables(db); // idempotent
    db.setAutoCommit(false);
    try (InputStream in = resource("multilingual.json");
        ExportReader export = ExportReader.open(in, "multilingual.json");
        Stream<Conversation> all = export.conversations()) {
      for (Conversation c : (Iterable<Conversation>) all::iterator) {
        SearchTables.update(db, c, c.id().equals("c-deleted"));
      }
    }
    db.commit();
  }

  @AfterAll
  static void close() throws SQLException {
    db.close();
  }

  static InputStream resource(String name) throws IOException {
    InputStream in = Fixtures.class.getResourceAsStream(DIR + name);
    if (in == null) {
      throw new IOException("no resource " + DIR + name);
    }
    return in;
  }

  static String text(String name) throws IOException {
    try (InputStream in = resource(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void findsTheExpectedHitsOfEveryQuery() throws Exception {
    String expected = text("multilingual.hits");
    assertThat(run(db, expected)).isEqualTo(withoutComments(expected));
  }

  /** Runs every {@code query} block of an expected file and renders the hits in the same form. */
  static String run(Connection db, String expected) throws SQLException {
    StringBuilder out = new StringBuilder();
    SearchQuery query = null;
    for (String line : expected.split("\n", -1)) {
      if (line.startsWith("query ")) {
        query = SearchQuery.parse(line.substring("query ".length()));
        out.append(line).append('\n');
      } else if (line.startsWith("filter ") && query != null) {
        query = filter(query, line.substring("filter ".length()));
        out.append(line).append('\n');
      } else if (line.equals("end") && query != null) {
        try (Stream<SearchHit> hits = SearchTables.search(db, query)) {
          hits.forEach(h -> out.append(render(h)).append('\n'));
        }
        out.append("end\n");
        query = null;
      }
    }
    return out.toString();
  }

  static SearchQuery filter(SearchQuery q, String f) {
    if (f.equals("active")) {
      return q.withActiveBranchOnly(true);
    }
    if (f.equals("deleted")) {
      return q.withDeletedOnly(true);
    }
    String[] kv = f.split("=", 2);
    switch (kv[0]) {
      case "role":
        return q.withRole(kv[1]);
      case "model":
        return q.withModel(kv[1]);
      case "type":
        return q.withContentType(kv[1]);
      case "since":
        return q.withSince(Instant.parse(kv[1]));
      case "until":
        return q.withUntil(Instant.parse(kv[1]));
      case "limit":
        return q.withLimit(Integer.parseInt(kv[1]));
      default:
        throw new IllegalArgumentException("unknown filter " + f);
    }
  }

  /**
   * {@code hit CONVERSATION NODE ROLE MODEL TYPE BRANCH DELETED TIME | SNIPPET} with matches in
   * [brackets].
   */
  static String render(SearchHit h) {
    return "hit "
        + h.conversationId()
        + " "
        + dash(h.nodeId())
        + " "
        + dash(h.role())
        + " "
        + dash(h.model())
        + " "
        + h.contentType()
        + " "
        + (h.activeBranch() ? "active" : "other-branch")
        + " "
        + (h.deleted() ? "deleted" : "kept")
        + " "
        + (h.time() == null ? "-" : h.time().toString())
        + " | "
        + h.snippet("[", "]");
  }

  private static String dash(Object o) {
    return o == null ? "-" : o.toString();
  }

  static String withoutComments(String text) {
    List<String> kept = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        kept.add(line);
      }
    }
    return String.join("\n", kept) + "\n";
  }
}
