package io.github.chatexport.benchmarks;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.archive.SearchHit;
import io.github.chatexport.archive.SearchIndex;
import io.github.chatexport.archive.SearchQuery;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.testdata.generator.Era;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Full-text search on a generated export, in one run: indexing ({@link SearchIndex#build}) against
 * the reader alone (every conversation as records, with its active branch), in alternating rounds,
 * as a ratio of speeds; then the floor: the same texts written into two bare FTS5 tables in one
 * statement each; then the index's size against the export's; then query times over a fixed set of
 * word, phrase, prefix and substring queries (the first pass over the set is not counted), with the
 * CLI's limit of 50 hits, and with no limit when {@code --all true} (slow: every hit's snippet).
 *
 * <pre>
 * java -Xmx1g -cp "chatexport-benchmarks/target/classes:$(cat chatexport-benchmarks/target/classpath.txt)" \
 *     io.github.chatexport.benchmarks.SearchBench --size 200MB --rounds 3
 * </pre>
 *
 * <p>Options: {@code --size} (default 200MB), {@code --seed} (42), {@code --rounds} (3), {@code
 * --queries} (rounds over the query set after the first, 5), {@code --all} (false), {@code --cache}
 * (the generated export's folder).
 */
public final class SearchBench {
  /** The fixed query set: the generator's vocabulary, in each kind the query language has. */
  static final List<String> QUERIES =
      List.of(
          // words
          "bicycle",
          "château",
          "zurich",
          "東京",
          "invoice deadline",
          // phrases
          "\"kitchen garden\"",
          "\"the weather\"",
          // prefixes
          "sched*",
          "fenê*",
          "compar* budget",
          // parts of words (trigram)
          "icycl",
          "edul",
          "hâtea",
          // OR and exclusion
          "train OR bicycle -weather");

  private SearchBench() {}

  /** Runs the benchmark and prints its report on stdout. */
  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws IOException {
    Map<String, String> o = Compare.options(args);
    long size = Sizes.parse(o.getOrDefault("size", "200MB"));
    long seed = Long.parseLong(o.getOrDefault("seed", "42"));
    int rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
    int queryRounds = Integer.parseInt(o.getOrDefault("queries", "5"));
    boolean allHits = Boolean.parseBoolean(o.getOrDefault("all", "false"));
    Path cache = o.containsKey("cache") ? Path.of(o.get("cache")) : Inputs.defaultCache();
    out.println("machine: " + Machine.describe());
    Inputs in = Inputs.prepare(cache, size, seed, Era.MIXED, false, out);
    long bytes = in.bytes();
    out.printf(
        Locale.ROOT,
        "export: %s, %.1f MB, %d conversations%n",
        in.json().getFileName(),
        Sizes.mb(bytes),
        in.conversations());
    Path index = cache.resolve("search-index.sqlite");
    out.printf(Locale.ROOT, "warmup: reader %.2f s (not counted)%n", read(in.json()));
    List<Double> ratios = new ArrayList<>();
    double readSeconds = 0;
    double indexSeconds = 0;
    for (int round = 0; round < rounds; round++) {
      double read = read(in.json());
      Files.deleteIfExists(index);
      double built = build(in.json(), index);
      ratios.add(read / built);
      readSeconds += read;
      indexSeconds += built;
      out.printf(
          Locale.ROOT,
          "round %d: reader %.2f s (%.0f MB/s), indexing %.2f s (%.0f MB/s): %.2f x reader%n",
          round + 1,
          read,
          Sizes.mb(bytes) / read,
          built,
          Sizes.mb(bytes) / built,
          read / built);
    }
    out.printf(
        Locale.ROOT,
        "indexing speed: %.2f x the reader's (median of %d rounds; target at least 0.40)%n",
        median(ratios),
        rounds);
    double floor = floor(index, cache.resolve("search-floor.sqlite"));
    out.printf(
        Locale.ROOT,
        "floor: the same texts into two bare FTS5 tables, one statement each, %.2f s: %.2f x"
            + " reader (the most this design can reach), indexing takes %.2f x that%n",
        floor,
        readSeconds / rounds / floor,
        indexSeconds / rounds / floor);
    long indexBytes = Files.size(index);
    out.printf(
        Locale.ROOT,
        "index size: %.1f MB, %.2f x the export's %.1f MB%n",
        Sizes.mb(indexBytes),
        (double) indexBytes / bytes,
        Sizes.mb(bytes));

    try (SearchIndex search = SearchIndex.open(index)) {
      List<Double> limited = new ArrayList<>();
      List<Double> allTimes = new ArrayList<>();
      boolean all = allHits;
      for (int round = 0; round <= queryRounds; round++) {
        for (String q : QUERIES) {
          SearchQuery query = SearchQuery.parse(q);
          long[] hits = new long[1];
          double ms50 = time(search, query.withLimit(50), hits);
          long[] counted = new long[1];
          double msAll = all ? time(search, query, counted) : Double.NaN;
          if (round == 0) {
            out.printf(
                Locale.ROOT,
                "  %-28s %7s hits, first 50 in %7.1f ms, all in %8.1f ms (first run)%n",
                q,
                all ? Long.toString(counted[0]) : "-",
                ms50,
                msAll);
          } else {
            limited.add(ms50);
            allTimes.add(msAll);
          }
        }
      }
      out.printf(
          Locale.ROOT,
          "query time, median over %d queries x %d rounds after the first: %.1f ms for the"
              + " first 50 hits (target under 50 ms), %.1f ms for all hits%n",
          QUERIES.size(),
          queryRounds,
          median(limited),
          median(allTimes));
    }
    out.printf(Locale.ROOT, "in all: reader %.1f s, indexing %.1f s%n", readSeconds, indexSeconds);
    return 0;
  }

  private static double read(Path json) throws IOException {
    long start = System.nanoTime();
    long n = 0;
    try (ExportReader reader = ExportReader.open(json);
        Stream<Conversation> all = reader.conversations()) {
      for (Iterator<Conversation> it = all.iterator(); it.hasNext(); ) {
        n += it.next().activeBranch().nodes().size();
      }
    }
    if (n < 0) {
      throw new AssertionError();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double build(Path json, Path index) throws IOException {
    long start = System.nanoTime();
    try (ExportReader reader = ExportReader.open(json);
        SearchIndex built = SearchIndex.build(index, reader, null)) {
      if (built == null) {
        throw new AssertionError();
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * Seconds to write the texts of {@code index} into a fresh file's two FTS5 tables of the index's
   * tokenizers, with nothing else: no conversation, no reading, no external content. What FTS5
   * itself costs.
   */
  private static double floor(Path index, Path floor) throws IOException {
    Files.deleteIfExists(floor);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + floor);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode = OFF");
      s.execute("PRAGMA synchronous = OFF");
      s.execute("ATTACH DATABASE '" + index.toString().replace("'", "''") + "' AS built");
      s.execute(
          "CREATE TABLE texts AS SELECT id, coalesce(words_title, title) AS wt,"
              + " coalesce(words_body, body) AS wb, title, body FROM built.search_texts");
      s.execute(
          "CREATE VIRTUAL TABLE words USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')");
      s.execute(
          "CREATE VIRTUAL TABLE trigram USING fts5(title, body, tokenize='trigram remove_diacritics 1')");
      long start = System.nanoTime();
      s.execute("BEGIN");
      s.execute("INSERT INTO words(rowid, title, body) SELECT id, wt, wb FROM texts");
      s.execute("INSERT INTO trigram(rowid, title, body) SELECT id, title, body FROM texts");
      s.execute("COMMIT");
      return (System.nanoTime() - start) / 1e9;
    } catch (SQLException e) {
      throw new IOException("floor: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(floor);
    }
  }

  private static double time(SearchIndex search, SearchQuery query, long[] count) {
    long start = System.nanoTime();
    try (Stream<SearchHit> hits = search.search(query)) {
      count[0] = hits.count();
    }
    return (System.nanoTime() - start) / 1e6;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n == 0
        ? Double.NaN
        : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
