package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlCommandTest {
  private static final String PLANTED =
      "2024-12-01 Planted _script_window.__planted = 7__script_ title 9a64afa231.html";

  @TempDir Path tmp;
  Path export;
  Path out;

  @BeforeEach
  void copyExport() throws Exception {
    export = HtmlFixtures.export(tmp);
    out = tmp.resolve("site");
  }

  private Cli.Result html(Object... more) {
    Object[] args = new Object[more.length + 5];
    args[0] = "html";
    args[1] = "--zone";
    args[2] = "UTC";
    System.arraycopy(more, 0, args, 3, more.length);
    args[more.length + 3] = export;
    args[more.length + 4] = out;
    return Cli.run(args);
  }

  /** Every file of the site, relative path to content, sorted. */
  private Map<String, String> files() throws Exception {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String name = out.relativize(p).toString();
        all.put(
            name, name.startsWith("assets/") ? "" : Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return all;
  }

  @Test
  void writesTheIndexOnePagePerConversationTheAssetsAndTheSiteFiles() throws Exception {
    Cli.Result r = html();
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "6 conversations in "
                + out.toRealPath().resolve("index.html")
                + ": 11 files written, 0 unchanged; 3 assets copied.\n");
    assertThat(files().keySet())
        .containsExactly(
            "assets/file-Ch5Wn1Xq7Rt3Lm9Kd2Vs8Fb-chart.png",
            "assets/file-Lh8Pq2Zx5Wc9Rb4Nt7Ym3Kd-lighthouse.png",
            "assets/file-Tm4Rq8Wz2Lx6Nc9Vb3Hs7Jk-tram-map.pdf",
            "conversations/2024-05-10 Weekend in Lisbon 44cefd630a.html",
            "conversations/2024-10-08 Monthly grocery chart 83acb23e0d.html",
            "conversations/" + PLANTED,
            "conversations/2025-01-15 What lighthouse is this_ c72781f2e3.html",
            "conversations/2025-02-03 Regex for ISO dates 36ebdab66e.html",
            "conversations/2025-06-10 Rijksmuseum opening hours e35ffef53f.html",
            "index.html",
            "site/index.js",
            "site/page.js",
            "site/search.js",
            "site/style.css");
    assertThat(out.resolve("assets/file-Lh8Pq2Zx5Wc9Rb4Nt7Ym3Kd-lighthouse.png"))
        .hasSameBinaryContentAs(export.resolve("file-Lh8Pq2Zx5Wc9Rb4Nt7Ym3Kd-lighthouse.png"));
  }

  @Test
  void thePageOfAConversationIsAsExpected() throws Exception {
    assertThat(html().status()).isZero();
    assertThat(Files.readString(out.resolve("conversations/" + PLANTED)))
        .isEqualTo(HtmlFixtures.resource("expected/planted.html"));
    assertThat(
            Files.readString(
                out.resolve("conversations/2024-05-10 Weekend in Lisbon 44cefd630a.html")))
        .isEqualTo(HtmlFixtures.resource("expected/lisbon.html"));
  }

  @Test
  void theIndexOfAnArchiveMarksDeletedConversations() throws Exception {
    HtmlFixtures.archiveSite(export, out);
    assertThat(Files.readString(out.resolve("index.html")))
        .isEqualTo(HtmlFixtures.resource("expected/index.html"));
    assertThat(Files.readString(out.resolve("conversations/" + PLANTED)))
        .contains(
            "<p class=\"meta\">Created 2024-12-01 10:46 · updated 2024-12-01 10:48 · gpt-4o · <span"
                + " class=\"deleted\">deleted</span> · first seen 2024-12-02 08:00 · last seen 2025-03-01 08:00</p>");
  }

  @Test
  void aPlainExportHasNoDeletedFilter() throws Exception {
    assertThat(html().status()).isZero();
    String index = Files.readString(out.resolve("index.html"));
    assertThat(index)
        .doesNotContain("deleted")
        .contains("<p id=\"count\" aria-live=\"polite\">6 conversations</p>");
  }

  @Test
  void theSearchIndexHasTheWordsOfEveryBranch() throws Exception {
    assertThat(html().status()).isZero();
    String search = Files.readString(out.resolve("site/search.js"));
    assertThat(search).startsWith("window.chatexportSearch = [\n\" ").endsWith("\",\n];\n");
    String lisbon = search.lines().filter(l -> l.contains(" lisbon ")).findFirst().orElseThrow();
    assertThat(lisbon)
        .contains(" senhora ", " shorter ", " bel\\u00e9m ")
        .doesNotContain("Senhora");
    // Scripts and markup of the data are inert in the search index too.
    assertThat(search).doesNotContain("<", ">", "&").contains(" script ");
  }

  @Test
  void aSecondRunRewritesNothingAndAChangeRewritesOnlyWhatItTouches() throws Exception {
    assertThat(html().status()).isZero();
    Map<String, String> first = files();
    Cli.Result again = html();
    assertThat(again.out())
        .isEqualTo(
            "6 conversations in "
                + out.toRealPath().resolve("index.html")
                + ": 0 files written, 11 unchanged; 0 assets copied.\n");
    assertThat(files()).isEqualTo(first);

    Path json = export.resolve("conversations.json");
    Files.writeString(
        json, Files.readString(json).replace("\"Regex for ISO dates\"", "\"ISO date regex\""));
    Cli.Result changed = html();
    assertThat(changed.out())
        .isEqualTo(
            "6 conversations in "
                + out.toRealPath().resolve("index.html")
                + ": 3 files written, 8 unchanged, 1 removed; 0 assets copied.\n");
    Map<String, String> after = files();
    assertThat(after)
        .doesNotContainKey("conversations/2025-02-03 Regex for ISO dates 36ebdab66e.html")
        .containsKey("conversations/2025-02-03 ISO date regex 36ebdab66e.html");
    after
        .keySet()
        .removeIf(
            k -> k.contains("36ebdab66e") || k.equals("index.html") || k.equals("site/search.js"));
    first
        .keySet()
        .removeIf(
            k -> k.contains("36ebdab66e") || k.equals("index.html") || k.equals("site/search.js"));
    assertThat(after).isEqualTo(first);
  }

  @Test
  void filesThatAreNotItsOwnPagesAreLeftAlone() throws Exception {
    Files.createDirectories(out.resolve("conversations"));
    Files.writeString(out.resolve("conversations/my notes.html"), "mine");
    Files.writeString(out.resolve("conversations/2020-01-01 Old 0123456789.txt"), "mine too");
    assertThat(html().status()).isZero();
    assertThat(out.resolve("conversations/my notes.html")).hasContent("mine");
    assertThat(out.resolve("conversations/2020-01-01 Old 0123456789.txt")).hasContent("mine too");
  }

  @Test
  void neverWritesThroughALinkOutOfOutDir() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createDirectories(out);
    Files.createSymbolicLink(out.resolve("conversations"), elsewhere);
    Cli.Result r = html();
    assertThat(r.status()).as(r.toString()).isEqualTo(ExitCodes.IO);
    assertThat(r.err())
        .contains("refusing to write through")
        .contains("it is a link or not a folder");
    try (Stream<Path> inside = Files.list(elsewhere)) {
      assertThat(inside).isEmpty();
    }
  }

  @Test
  void aDamagedExportStillGivesASiteOfWhatWasRead() throws Exception {
    Path json = export.resolve("conversations.json");
    String text = Files.readString(json);
    Files.writeString(json, text.substring(0, text.indexOf("\"What lighthouse is this?\"") + 40));
    Cli.Result r = html();
    assertThat(r.status()).as(r.toString()).isEqualTo(ExitCodes.DAMAGED);
    assertThat(r.err()).contains("the JSON ends too early");
    assertThat(files().keySet())
        .contains(
            "index.html",
            "site/search.js",
            "conversations/2025-06-10 Rijksmuseum opening hours e35ffef53f.html",
            "conversations/2025-02-03 Regex for ISO dates 36ebdab66e.html");
    assertThat(Files.readString(out.resolve("index.html"))).contains("2 conversations");
  }

  @Test
  void nothingOfTheSiteLoadsFromElsewhere() throws Exception {
    assertThat(html().status()).isZero();
    for (Map.Entry<String, String> f : files().entrySet()) {
      if (f.getKey().endsWith(".html")) {
        assertThat(f.getValue())
            .as(f.getKey())
            .contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src"
                    + " 'self'; style-src 'self'; img-src 'self'; media-src 'self'; base-uri 'none'; form-action"
                    + " 'none'\">")
            .doesNotContainPattern("(src|href)=\"(?!https?://[^\"]*\" rel=\"noopener)[a-z]+:")
            .doesNotContain("data:", "<script>", "<iframe", "<object", "<embed", "<base", "fetch(");
      }
    }
    assertThat(files().get("site/index.js")).doesNotContain("fetch(", "XMLHttpRequest", "http");
    assertThat(files().get("site/page.js")).doesNotContain("fetch(", "XMLHttpRequest", "http");
    assertThat(files().get("site/style.css")).doesNotContain("url(", "@import");
  }

  @Test
  void hiddenMessagesAreLeftOutUnlessAsked() throws Exception {
    assertThat(html().status()).isZero();
    String page =
        Files.readString(
            out.resolve("conversations/2025-06-10 Rijksmuseum opening hours e35ffef53f.html"));
    assertThat(page).doesNotContain("Hidden system message");
    assertThat(html("--hidden").status()).isZero();
    String all =
        Files.readString(
            out.resolve("conversations/2025-06-10 Rijksmuseum opening hours e35ffef53f.html"));
    assertThat(all).contains("<summary>Hidden system message (text)</summary>");
  }

  @Test
  void outDirMustBeAFolder() throws Exception {
    Files.writeString(out, "a file");
    Cli.Result r = html();
    assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("OUT-DIR is not a folder");
    assertThat(List.of(Files.readString(out))).containsExactly("a file");
  }
}
