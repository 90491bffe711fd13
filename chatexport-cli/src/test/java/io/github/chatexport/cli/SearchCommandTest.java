package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.testdata.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chatexport search} over the search fixture of chatexport-testdata ({@code
 * search/multilingual.json}).
 */
class SearchCommandTest {
  @TempDir Path tmp;

  private Path export() throws IOException {
    Path dir = tmp.resolve("export");
    Files.createDirectories(dir);
    try (InputStream in =
        Fixtures.class.getResourceAsStream(
            "/io/github/chatexport/testdata/search/multilingual.json")) {
      if (in == null) {
        throw new IOException("no search fixture");
      }
      Files.copy(in, dir.resolve("conversations.json"));
    }
    return dir;
  }

  private static List<String> temporaryIndexes() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("chatexport-search-"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  void printsOneBlockPerConversationWithItsHits() throws Exception {
    List<String> before = temporaryIndexes();
    Cli.Result r =
        Cli.run("search", "--zone", "UTC", "--all-branches", export(), "cafe", "OR", "ynchron");
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
        Café near the Louvre
        2024-05-10 09:00  c-cafe
          title     2024-05-10 09:00 Café near the Louvre
          assistant 2024-05-10 09:00 Café Kitsuné in the Palais-Royal gardens is quiet and near the Louvre.
          user      2024-05-10 09:00 Where can I find a good café near the Louvre? I want **Zeitgeist, not tourists.
          assistant 2024-05-10 09:00 (other branch) …crème brûlée and an asynchronous vibe.

        Fetch with retries
        2025-02-01 00:00  c-code
          assistant 2025-02-01 00:00 def synchronous_fetch(url): return requests.ge…
        """);
    assertThat(r.err()).isEmpty();
    assertThat(temporaryIndexes()).isEqualTo(before);
  }

  @Test
  void searchesTheActiveBranchUnlessAskedAndSaysSo() throws Exception {
    Path export = export();
    Cli.Result active = Cli.run("search", export, "magots");
    assertThat(active.status()).isZero();
    assertThat(active.out()).isEmpty();
    assertThat(active.err())
        .isEqualTo("No hits on the active branches (--all-branches searches every branch).\n");
    assertThat(Cli.run("search", "--all-branches", export, "magots").out())
        .contains("(other branch) Try Les Deux");
  }

  @Test
  void writesJsonWithEveryFieldOfAHit() throws Exception {
    Cli.Result r =
        Cli.run("search", "--json", "--since", "2025-03-01T00:00:05Z", export(), "lisbon");
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "[\n{\"conversation_id\":\"c-deleted\",\"node_id\":\"f2\",\"title\":\"Secret plans\","
                + "\"role\":\"assistant\",\"model\":\"gpt-4o\",\"content_type\":\"text\","
                + "\"create_time\":\"2025-03-01T00:00:20Z\",\"active_branch\":true,\"deleted\":false,"
                + "\"snippet\":\"Book the tram 28 and a pastel de nata tasting in Lisbon.\",\"highlights\":[[49,55]],"
                + "\"rank\":"
                + rank(r.out())
                + "}\n]\n");
  }

  private static String rank(String json) {
    return json.substring(json.indexOf("\"rank\":") + 7, json.lastIndexOf('}'));
  }

  @Test
  void filtersByRoleModelTypeAndTimeAndLimits() throws Exception {
    Path export = export();
    Cli.Result r =
        Cli.run("search", "--zone", "UTC", "--role", "assistant", "--model", "o3", export, "東京");
    assertThat(r.out())
        .isEqualTo(
            """
        東京の旅行
        2024-06-01 00:00  c-tokyo
          assistant 2024-06-01 00:00 東京タワーは333メートルです。北京の故宫も有…
        """);
    Cli.Result typed =
        Cli.run("search", "--type", "execution_output", "--until", "2025-02-02", export, "http");
    assertThat(typed.out()).endsWith("HTTP 200 OK & done\n");
    Cli.Result limited = Cli.run("search", "--limit", "1", export, "cafe");
    assertThat(limited.out()).hasLineCount(3);
    assertThat(limited.err())
        .isEqualTo("Showing the first 1 hit; --limit N shows more, --limit 0 all.\n");
    assertThat(Cli.run("search", "--limit", "0", export, "cafe").out()).hasLineCount(5);
  }

  @Test
  void highlightsMatchesOnATerminalAndDrawsProgressWhileIndexing() throws Exception {
    Cli.Result r = Cli.runInTerminal("search", export(), "tomatoes");
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).contains("\"content\": \"\u001b[1mTomatoes\u001b[0m Basil and épices\"}");
    assertThat(r.err()).contains("5 conversations").endsWith("\r");
  }

  @Test
  void keepsTheIndexWithIndexAndSearchesItNextTime() throws Exception {
    Path export = export();
    Path index = tmp.resolve("export.sqlite");
    Cli.Result first = Cli.run("search", "--index", index, export, "tram");
    assertThat(first.status()).as(first.toString()).isZero();
    assertThat(first.err()).isEmpty();
    assertThat(Files.size(index)).isPositive();
    Cli.Result again = Cli.run("search", "--index", index, export, "tram");
    assertThat(again.out()).isEqualTo(first.out());
    assertThat(again.err()).startsWith("Searching the index in " + index + " (built earlier;");
    Cli.Result direct = Cli.run("search", index, "tram");
    assertThat(direct.out()).isEqualTo(first.out());
    assertThat(direct.err()).isEmpty();
  }

  @Test
  void badQueriesAndFilesAreUsageErrorsOrClearFailures() throws Exception {
    Path export = export();
    Cli.Result quote = Cli.run("search", export, "\"tram", "28");
    assertThat(quote.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(quote.out()).isEmpty();
    assertThat(quote.err())
        .isEqualTo(
            "chatexport search: QUERY: unbalanced quote: the phrase that starts at"
                + " character 1 has no closing \"\nTry 'chatexport search --help' for more information.\n");
    Cli.Result dash = Cli.run("search", export, "lisbon", "-");
    assertThat(dash.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(dash.err()).startsWith("chatexport search: QUERY: a lone '-' at character 8");
    assertThat(Cli.run("search", export).status()).isEqualTo(ExitCodes.USAGE);
    assertThat(Cli.run("search", "--since", "yesterday", export, "x").err())
        .startsWith("chatexport search: --since: not a date or time: 'yesterday'");

    Path notIndex = Files.writeString(tmp.resolve("notes.sqlite"), "hello");
    Cli.Result keep = Cli.run("search", "--index", notIndex, export, "tram");
    assertThat(keep.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(keep.err())
        .startsWith(
            "chatexport search: --index: " + notIndex + " exists and is not a search index");

    Path other = tmp.resolve("other.sqlite");
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + other);
        Statement s = db.createStatement()) {
      s.execute("CREATE TABLE t(x)");
    }
    Cli.Result tables = Cli.run("search", other, "tram");
    assertThat(tables.status()).isEqualTo(ExitCodes.DAMAGED);
    assertThat(tables.err())
        .isEqualTo(
            "chatexport: "
                + other
                + " is a SQLite file without search tables: not a chatexport archive or search index\n");
  }
}
