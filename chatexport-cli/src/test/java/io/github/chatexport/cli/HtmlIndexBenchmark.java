package io.github.chatexport.cli;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.testdata.generator.ExportGenerator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How fast the index of {@code chatexport html} opens, filters and searches in headless Chromium
 * with many conversations (default 10,000: generated ones, seed 42, repeated under numbered
 * titles), against a baseline measured in the same run and browser: the same titles as a bare list
 * of links, without style or script. Medians of the rounds; ratios are to the baseline's open time.
 *
 * <pre>
 * mvn -B -q -pl chatexport-cli -am test-compile
 * java -cp "chatexport-cli/target/test-classes:chatexport-cli/target/classes:$(cat chatexport-cli/target/test-classpath.txt)" \
 *     io.github.chatexport.cli.HtmlIndexBenchmark --conversations 10000 --rounds 5
 * </pre>
 */
public final class HtmlIndexBenchmark {
  private HtmlIndexBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = 10_000;
    int rounds = 5;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--conversations" -> n = Integer.parseInt(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path tmp = Files.createTempDirectory("html-index-benchmark");
    Path dir = tmp.resolve("site");
    List<HtmlSite.Row> rows = site(tmp, dir, n);
    StringBuilder bare =
        new StringBuilder(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>bare</title>"
                + "</head><body><ol>\n");
    for (HtmlSite.Row r : rows) {
      bare.append("<li><a href=\"conversations/")
          .append(r.file())
          .append("\">")
          .append(Html.text(r.title()))
          .append("</a> ")
          .append(r.created())
          .append("</li>\n");
    }
    Files.writeString(dir.resolve("bare.html"), bare.append("</ol></body></html>\n"));
    double[][] times = new double[8][rounds];
    try (Chromium browser = Chromium.start(tmp.resolve("profile"))) {
      for (int round = 0; round < rounds; round++) {
        browser.open(dir.resolve("bare.html").toUri().toString());
        times[0][round] = loaded(browser);
        times[6][round] = painted(browser);
        browser.open(dir.resolve("index.html").toUri().toString());
        times[1][round] = loaded(browser);
        times[7][round] = painted(browser);
        check(browser, "document.querySelectorAll('#list > li').length === " + n);
        times[2][round] =
            number(
                browser.eval(
                    "new Promise(r => { const t0 = performance.now();"
                        + " document.getElementById('title').value = '#12';"
                        + " document.getElementById('filters').dispatchEvent(new Event('submit', {cancelable: true}));"
                        + " document.body.offsetHeight;"
                        + " requestAnimationFrame(() => setTimeout(() => r(performance.now() - t0))); })"));
        check(browser, "document.querySelectorAll('#list > li:not([hidden])').length > 0");
        times[3][round] =
            number(
                browser.eval(
                    "new Promise(r => { const t0 = performance.now();"
                        + " document.getElementById('title').value = '';"
                        + " document.getElementById('filters').dispatchEvent(new Event('submit', {cancelable: true}));"
                        + " document.body.offsetHeight;"
                        + " requestAnimationFrame(() => setTimeout(() => r(performance.now() - t0))); })"));
        times[4][round] =
            number(
                browser.eval(
                    "new Promise(r => { const t0 = performance.now();"
                        + " const q = document.getElementById('q'); q.value = 'needle"
                        + (n - 1)
                        + "'; q.focus();"
                        + " const wait = () => window.chatexportSearch ? r(performance.now() - t0) : setTimeout(wait, 2);"
                        + " wait(); })"));
        times[5][round] =
            number(
                browser.eval(
                    "new Promise(r => { const t0 = performance.now();"
                        + " document.getElementById('filters').dispatchEvent(new Event('submit', {cancelable: true}));"
                        + " document.body.offsetHeight;"
                        + " requestAnimationFrame(() => setTimeout(() => r(performance.now() - t0))); })"));
        check(browser, "document.querySelectorAll('#list > li:not([hidden])').length === 1");
      }
    }
    String[] names = {
      "baseline: bare list of links, to load event",
      "index.html, to load event (script run)",
      "title filter (#12), until painted",
      "title filter cleared, until painted",
      "search index loaded ("
          + String.format(Locale.ROOT, "%,d", Files.size(dir.resolve("site/search.js")))
          + " bytes)",
      "full-text search, until painted",
      "baseline: bare list, first contentful paint",
      "index.html, first contentful paint"
    };
    double base = median(times[0]);
    System.out.printf(
        Locale.ROOT,
        "%,d conversations, %d rounds, Chromium %s, %d cores%n",
        n,
        rounds,
        Chromium.binary(),
        Runtime.getRuntime().availableProcessors());
    for (int i = 0; i < names.length; i++) {
      double m = median(times[i]);
      System.out.printf(Locale.ROOT, "  %-48s %8.0f ms  %5.2f x baseline%n", names[i], m, m / base);
    }
  }

  private static double loaded(Chromium browser) throws Exception {
    return number(
        browser.eval(
            "new Promise(r => { const done = () => {"
                + " const e = performance.getEntriesByType('navigation')[0];"
                + " e && e.loadEventEnd > 0 ? r(e.loadEventEnd) : setTimeout(done, 5); }; done(); })"));
  }

  private static double painted(Chromium browser) throws Exception {
    return number(
        browser.eval(
            "new Promise(r => { const done = () => {"
                + " const e = performance.getEntriesByName('first-contentful-paint')[0];"
                + " e ? r(e.startTime) : setTimeout(done, 5); }; done(); })"));
  }

  private static void check(Chromium browser, String condition) throws Exception {
    if (!Boolean.TRUE.equals(browser.eval(condition))) {
      throw new IllegalStateException("not true: " + condition);
    }
  }

  private static double number(Object o) {
    return ((Number) o).doubleValue();
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** The index, search index and site files of {@code n} conversations in {@code dir}; the rows. */
  static List<HtmlSite.Row> site(Path tmp, Path dir, int n) throws Exception {
    Files.createDirectories(dir.resolve("site"));
    Path json = tmp.resolve("generated.json");
    ExportGenerator.builder().seed(42).targetBytes(1L << 20).build().writeConversationsJson(json);
    List<Conversation> generated;
    try (ExportReader reader = ExportReader.open(json);
        Stream<Conversation> all = reader.conversations()) {
      generated = all.toList();
    }
    List<String> texts = new ArrayList<>();
    for (Conversation c : generated) {
      HtmlPage page =
          new HtmlPage(c, List.of(), new AssetLinks(), ZoneOffset.UTC, false, ArchiveFacts.NONE);
      page.render(Texts.oneLine(c.title()));
      texts.add(page.searchText());
    }
    List<HtmlSite.Row> rows = new ArrayList<>();
    StringBuilder search = new StringBuilder("window.chatexportSearch = [\n");
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    for (int k = 0; k < n; k++) {
      Conversation c = generated.get(k % generated.size());
      Instant created = start.minusSeconds(3_600L * k);
      rows.add(
          new HtmlSite.Row(
              k,
              Texts.oneLine(c.title()) + " #" + k,
              created,
              created.plusSeconds(600),
              "gpt-4o",
              c.activeBranch().visibleMessages().size(),
              k + ".html",
              ArchiveFacts.NONE));
      search.append(HtmlSite.searchEntry(texts.get(k % texts.size()) + " needle" + k));
    }
    Files.writeString(dir.resolve("index.html"), HtmlSite.index(rows, ZoneOffset.UTC));
    Files.writeString(dir.resolve("site/search.js"), search.append("];\n"));
    for (String name : HtmlSite.STATIC) {
      try (InputStream in = HtmlSite.class.getResourceAsStream("html/" + name)) {
        Files.write(dir.resolve("site").resolve(name), in.readAllBytes());
      }
    }
    return rows;
  }
}
