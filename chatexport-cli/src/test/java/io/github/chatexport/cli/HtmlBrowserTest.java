package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site of {@code chatexport html} in a real headless Chromium over {@code file://}: one browser
 * for the class. Skipped with a message when Chromium is not installed, except on CI ({@code CI}
 * set), where that fails.
 */
class HtmlBrowserTest {
  /**
   * The start of the calendar icon that Chromium's own date field shows (a data: URL, inside the
   * browser).
   */
  private static final String DATE_PICKER_ICON =
      "data:image/svg+xml;base64,"
          + "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIxNiIgaGVpZ2h0PSIxNSIgdmlld0JveD0iMCAwIDI0IDI0Ij48";

  @TempDir static Path tmp;
  static Path site;
  static Chromium browser;

  @BeforeAll
  static void buildSiteAndStartBrowser() throws Exception {
    Path export = HtmlFixtures.export(tmp);
    site = tmp.resolve("site");
    Cli.Result r = Cli.run("html", "--zone", "UTC", export, site);
    assertThat(r.status()).as(r.toString()).isZero();
    HtmlFixtures.archiveSite(export, tmp.resolve("archive"));
    browser = Chromium.start(tmp.resolve("profile"));
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @AfterEach
  void noScriptErrorAndNoPolicyViolation() {
    if (browser != null) {
      assertThat(browser.problems()).isEmpty();
    }
  }

  static String url(String relative) {
    return site.resolve(relative).toUri().toString();
  }

  static String page(String titleStart) throws Exception {
    try (Stream<Path> pages = Files.list(site.resolve("conversations"))) {
      Path p =
          pages
              .filter(f -> f.getFileName().toString().substring(11).startsWith(titleStart))
              .findFirst()
              .orElseThrow();
      return p.toUri().toString();
    }
  }

  /** The texts of the visible messages of the open page, in order. */
  static Object visibleMessages() throws Exception {
    return browser.eval(
        "Array.from(document.querySelectorAll('#chat > article.msg:not([hidden])'))"
            + ".map(a => a.querySelector('.md, .plain, details') ? (a.querySelector('.md, .plain') || a).textContent"
            + ".trim().split('\\n')[0] : '')");
  }

  @Test
  void indexListsTheFixturesConversationsNewestFirst() throws Exception {
    browser.open(url("index.html"));
    assertThat(
            browser.eval(
                "Array.from(document.querySelectorAll('#list > li')).map(r =>"
                    + " Array.from(r.children).map(c => c.textContent).join(' | '))"))
        .isEqualTo(
            List.of(
                "Rijksmuseum opening hours | 2025-06-10 10:06 | 2025-06-10 10:07 | o3 | 2",
                "Regex for ISO dates | 2025-02-03 11:14 | 2025-02-03 11:15 | gpt-4o-mini | 2",
                "What lighthouse is this? | 2025-01-15 10:39 | 2025-01-15 10:40 | gpt-4o | 2",
                "Planted <script>window.__planted = 7</script> title | 2024-12-01 10:46 | 2024-12-01 10:48 | gpt-4o | 2",
                "Monthly grocery chart | 2024-10-08 09:41 | 2024-10-08 09:42 | gpt-4o | 3",
                "Weekend in Lisbon | 2024-05-10 09:11 | 2024-05-10 09:14 | gpt-4o | 4"));
    assertThat(browser.eval("document.getElementById('count').textContent"))
        .isEqualTo("6 conversations");
  }

  @Test
  void titleAndDateFiltersNarrowTheList() throws Exception {
    browser.open(url("index.html"));
    browser.eval(
        "document.getElementById('title').value = 'LI'; document.getElementById('title')"
            + ".dispatchEvent(new Event('input'))");
    browser.await("document.getElementById('count').textContent.startsWith('2 of')");
    assertThat(shownTitles()).isEqualTo(List.of("What lighthouse is this?", "Weekend in Lisbon"));
    browser.eval(
        "document.getElementById('title').value = ''; const f = document.getElementById('from');"
            + " f.value = '2024-10-01'; f.dispatchEvent(new Event('change'));"
            + " const t = document.getElementById('to'); t.value = '2025-01-31'; t.dispatchEvent(new Event('change'))");
    assertThat(shownTitles())
        .isEqualTo(
            List.of(
                "What lighthouse is this?",
                "Planted <script>window.__planted = 7</script> title",
                "Monthly grocery chart"));
  }

  @Test
  void deletedConversationsOfAnArchiveAreMarkedAndFilterable() throws Exception {
    browser.open(tmp.resolve("archive/index.html").toUri().toString());
    assertThat(
            browser.eval(
                "Array.from(document.querySelectorAll('#list > li.deleted .t'))"
                    + ".map(td => td.textContent)"))
        .isEqualTo(List.of("Planted <script>window.__planted = 7</script> title deleted"));
    browser.eval(
        "{ const d = document.getElementById('deleted'); d.value = 'only';"
            + " d.dispatchEvent(new Event('change')); }");
    assertThat(shownTitles())
        .isEqualTo(List.of("Planted <script>window.__planted = 7</script> title"));
    browser.eval(
        "{ const d = document.getElementById('deleted'); d.value = 'hide';"
            + " d.dispatchEvent(new Event('change')); }");
    assertThat(shownTitles())
        .isEqualTo(
            List.of(
                "Rijksmuseum opening hours",
                "Regex for ISO dates",
                "What lighthouse is this?",
                "Monthly grocery chart",
                "Weekend in Lisbon"));
  }

  static Object shownTitles() throws Exception {
    return browser.eval(
        "Array.from(document.querySelectorAll('#list > li:not([hidden]) .t a'))"
            + ".map(a => a.textContent)");
  }

  @Test
  void searchFindsAWordOfAnInactiveBranchAndThePageShowsThatBranch() throws Exception {
    browser.open(url("index.html"));
    // "Senhora" is only in the first answer of "Weekend in Lisbon", regenerated since: not the
    // active branch.
    browser.eval(
        "const q = document.getElementById('q'); q.focus(); q.value = 'senhora';"
            + " q.dispatchEvent(new Event('input'))");
    browser.await(
        "window.chatexportSearch && document.getElementById('count').textContent.startsWith('1 of')");
    assertThat(shownTitles()).isEqualTo(List.of("Weekend in Lisbon"));
    String href =
        (String) browser.eval("document.querySelector('#list > li:not([hidden]) a').href");
    assertThat(href).endsWith("#q=senhora");
    browser.open(href);
    assertThat(browser.eval("document.querySelector('article.hit').textContent"))
        .asString()
        .contains("Miradouro da Senhora do Monte");
    assertThat(browser.eval("document.querySelector('article.hit').hidden")).isEqualTo(false);
    assertThat(visibleMessages())
        .isEqualTo(
            List.of(
                "I have a free weekend in Lisbon in June and attached the tram map. Can you plan two relaxed days?",
                "Saturday: Alfama in the morning, lunch near the Sé, tram 28 to Graça, sunset at the Miradouro da Senhora"
                    + " do Monte."));
  }

  @Test
  void theForkSwitcherShowsTheOtherBranchWithoutReloading() throws Exception {
    browser.open(page("Weekend in Lisbon"));
    browser.eval("window.__sameDocument = true");
    List<String> active =
        List.of(
            "I have a free weekend in Lisbon in June and attached the tram map. Can you plan two relaxed days?",
            "Here is a relaxed plan that follows the tram lines on your map.",
            "Shorter, please: three bullet points per day.",
            "Saturday");
    assertThat(visibleMessages()).isEqualTo(active);
    assertThat(
            browser.eval("document.querySelector('article:not([hidden]) .fork span').textContent"))
        .isEqualTo("2 / 2");
    browser.eval(
        "document.querySelector('article:not([hidden]) .fork button[data-go=\"-1\"]').click()");
    assertThat(visibleMessages())
        .isEqualTo(
            List.of(
                "I have a free weekend in Lisbon in June and attached the tram map. Can you plan two relaxed days?",
                "Saturday: Alfama in the morning, lunch near the Sé, tram 28 to Graça, sunset at the Miradouro da Senhora"
                    + " do Monte."));
    assertThat(
            browser.eval("document.querySelector('article:not([hidden]) .fork span').textContent"))
        .isEqualTo("1 / 2");
    browser.eval(
        "document.querySelector('article:not([hidden]) .fork button[data-go=\"1\"]').click()");
    assertThat(visibleMessages()).isEqualTo(active);
    assertThat(browser.eval("window.__sameDocument")).isEqualTo(true);
  }

  @Test
  void anImageLoadsFromTheCopiedAssets() throws Exception {
    browser.open(page("What lighthouse"));
    browser.await("document.querySelector('figure img').complete");
    assertThat(browser.eval("document.querySelector('figure img').naturalWidth")).isEqualTo(8);
    assertThat(browser.eval("document.querySelector('figure img').getAttribute('src')"))
        .isEqualTo("../assets/file-Lh8Pq2Zx5Wc9Rb4Nt7Ym3Kd-lighthouse.png");
  }

  @Test
  void aPlantedScriptRunsNothingAndShowsAsText() throws Exception {
    browser.open(page("Planted"));
    assertThat(browser.eval("typeof window.__planted")).isEqualTo("undefined");
    // The only script is the site's own; no element of the data carries an event handler or a
    // javascript: link.
    assertThat(browser.eval("Array.from(document.scripts).map(s => s.getAttribute('src'))"))
        .isEqualTo(List.of("../site/page.js"));
    assertThat(
            browser.eval(
                "Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes)"
                    + ".some(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value))).length"))
        .isEqualTo(0);
    assertThat(browser.eval("document.title"))
        .isEqualTo("Planted <script>window.__planted = 7</script> title");
    String text = (String) browser.eval("document.getElementById('chat').innerText");
    assertThat(text)
        .contains(
            "Show me <script>window.__planted = 1</script> and <img src=x onerror=\"window"
                + ".__planted = 2\"> please",
            "<script>window.__planted = 3</script>",
            "<div onclick=\"window.__planted = 5\">a raw HTML block</div>",
            "print(\"<script>\")",
            "\\( a_1 + b_2 \\)",
            "\\[ x^2 * y^2 = z_3 \\]",
            "click me, a site and",
            "<span onmouseover=\"window.__planted=6\">inline HTML</span>",
            "Remote image: a remote picture");
    assertThat(
            browser.eval(
                "Array.from(document.querySelectorAll('#chat a')).map(a => a.getAttribute('href'))"))
        .isEqualTo(List.of("https://example.com/page", "https://example.com/remote.png"));
    assertThat(
            browser.eval(
                "document.querySelectorAll('#chat img, #chat iframe, #chat object').length"))
        .isEqualTo(0);
  }

  @Test
  void noRequestLeavesTheMachine() throws Exception {
    browser.open(url("index.html"));
    browser.eval("document.getElementById('q').focus()");
    browser.await("window.chatexportSearch");
    try (Stream<Path> pages = Files.list(site.resolve("conversations"))) {
      for (Path p : pages.sorted().toList()) {
        browser.open(p.toUri().toString());
        browser.eval("document.querySelectorAll('details').forEach(d => d.open = true)");
        browser.eval("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
      }
    }
    // Chromium draws the calendar button of a date field with a data: image of its own; nothing
    // else but
    // file: may appear (the site itself has no data: URL, see HtmlCommandTest).
    List<String> requested =
        browser.requested().stream().filter(u -> !u.startsWith(DATE_PICKER_ICON)).toList();
    assertThat(requested)
        .isNotEmpty()
        .allSatisfy(u -> assertThat(URI.create(u).getScheme()).isEqualTo("file"));
    assertThat(requested)
        .contains(
            url("site/search.js"),
            url("site/style.css"),
            url("site/page.js"),
            url("assets/file-Lh8Pq2Zx5Wc9Rb4Nt7Ym3Kd-lighthouse.png"));
  }

  /**
   * The screenshots of the README ({@code docs/}): index and one conversation, light and dark, and
   * the phone width; written to {@code target/screenshots/} (copy them to {@code docs/} when the
   * look changes).
   */
  @Test
  void screenshotsOfTheIndexAndAConversationInBothThemes() throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    record Shot(String name, String url, String scheme, int width, int height) {}
    String lisbon = page("Weekend in Lisbon");
    List<Shot> shots =
        List.of(
            new Shot("html-index-light.png", url("index.html"), "light", 1100, 520),
            new Shot("html-index-dark.png", url("index.html"), "dark", 1100, 520),
            new Shot("html-conversation-light.png", lisbon, "light", 900, 1000),
            new Shot("html-conversation-dark.png", lisbon, "dark", 900, 1000),
            new Shot("html-phone-dark.png", page("Rijksmuseum"), "dark", 390, 844));
    try {
      for (Shot shot : shots) {
        browser.viewport(shot.width(), shot.height(), shot.width() < 500);
        browser.colorScheme(shot.scheme());
        browser.open(shot.url());
        assertThat(browser.eval("matchMedia('(prefers-color-scheme: dark)').matches"))
            .isEqualTo(shot.scheme().equals("dark"));
        byte[] png = browser.screenshot(false);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        // The page is as wide as the window: nothing sticks out sideways (readable on a phone).
        assertThat(browser.eval("document.documentElement.scrollWidth")).isEqualTo(shot.width());
        Files.write(dir.resolve(shot.name()), png);
      }
    } finally {
      browser.call("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
      browser.colorScheme("light");
    }
  }
}
