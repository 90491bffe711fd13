package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.testdata.Fixture;
import io.github.chatexport.testdata.Fixtures;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MarkdownCommandTest {
  private static final String LISBON = "2024-05-10 Weekend in Lisbon 44cefd630a.md";
  private static final String REGEX = "2025-02-03 Regex for ISO dates 36ebdab66e.md";
  private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2000-01-01T00:00:00Z"));

  @TempDir Path tmp;
  Path sample;
  Path out;

  @BeforeEach
  void copySample() throws Exception {
    sample = Cli.sample(tmp);
    out = tmp.resolve("notes");
  }

  @Test
  void writesOneNotePerConversationWithItsAssets() throws Exception {
    Cli.Result r = Cli.run("markdown", sample, out);
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "5 notes in " + out.toRealPath() + ": 5 written, 0 unchanged; 3 assets copied.\n");
    assertThat(notes())
        .containsOnlyKeys(
            LISBON,
            REGEX,
            "2024-10-08 Monthly grocery chart 83acb23e0d.md",
            "2025-01-15 What lighthouse is this_ c72781f2e3.md",
            "2025-06-10 Rijksmuseum opening hours e35ffef53f.md");
    try (Stream<Path> assets = Files.list(out.resolve("assets"))) {
      assertThat(assets.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "file-Ch5Wn1Xq7Rt3Lm9Kd2Vs8Fb-chart.png",
              "file-Lh8Pq2Zx5Wc9Rb4Nt7Ym3Kd-lighthouse.png",
              "file-Tm4Rq8Wz2Lx6Nc9Vb3Hs7Jk-tram-map.pdf");
    }
    assertThat(out.resolve("assets/file-Lh8Pq2Zx5Wc9Rb4Nt7Ym3Kd-lighthouse.png"))
        .hasSameBinaryContentAs(sample.resolve("file-Lh8Pq2Zx5Wc9Rb4Nt7Ym3Kd-lighthouse.png"));
    // Every link of every note leads to a file that exists.
    Pattern link = Pattern.compile("\\]\\((assets/[^)]+)\\)");
    for (String note : notes().values()) {
      Matcher m = link.matcher(note);
      while (m.find()) {
        assertThat(out.resolve(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8)))
            .isRegularFile();
      }
    }
  }

  @Test
  void aZipGivesTheSameNotesAndAssetsAsItsFolder() throws Exception {
    Path zip = tmp.resolve("sample.zip");
    try (java.util.zip.ZipOutputStream z =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      for (String file : Cli.SAMPLE_FILES) {
        z.putNextEntry(new java.util.zip.ZipEntry(file));
        Files.copy(sample.resolve(file), z);
        z.closeEntry();
      }
    }
    assertThat(Cli.run("markdown", "--zone", "UTC", sample, out).status()).isZero();
    Map<String, String> fromFolder = notes();
    out = tmp.resolve("from-zip");
    Cli.Result r = Cli.run("markdown", "--zone", "UTC", zip, out);
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).endsWith(": 5 written, 0 unchanged; 3 assets copied.\n");
    assertThat(notes()).isEqualTo(fromFolder);
    assertThat(out.resolve("assets/file-Tm4Rq8Wz2Lx6Nc9Vb3Hs7Jk-tram-map.pdf"))
        .hasSameBinaryContentAs(sample.resolve("file-Tm4Rq8Wz2Lx6Nc9Vb3Hs7Jk-tram-map.pdf"));
  }

  @Test
  void aNoteHasFrontMatterMessagesCodeOutputImagesAndAttachments() throws Exception {
    assertThat(Cli.run("markdown", "--zone", "UTC", sample, out).status()).isZero();
    Map<String, String> notes = notes();
    assertThat(notes.get(LISBON))
        .startsWith(
            """
        ---
        id: "664de4e0-3c1a-4b7e-9f2d-8a1b2c3d4e5f"
        title: "Weekend in Lisbon"
        created: 2024-05-10T09:11:58.902Z
        updated: 2024-05-10T09:14:28.402Z
        model: "gpt-4o"
        url: "https://chatgpt.com/c/664de4e0-3c1a-4b7e-9f2d-8a1b2c3d4e5f"
        ---

        # Weekend in Lisbon

        ## User · 2024-05-10 09:12

        I have a free weekend in Lisbon in June and attached the tram map. Can you plan two relaxed days?

        Attachment: [tram-map.pdf](assets/file-Tm4Rq8Wz2Lx6Nc9Vb3Hs7Jk-tram-map.pdf)

        ## Assistant · gpt-4o · 2024-05-10 09:13
        """)
        .doesNotContain("Other branches")
        .doesNotContain("**Saturday:** Alfama");
    assertThat(notes.get("2024-10-08 Monthly grocery chart 83acb23e0d.md"))
        .contains(
            """
        ## Assistant · gpt-4o · 2024-10-08 09:41

        ```python
        import matplotlib.pyplot as plt
        """)
        .contains(
            """
        Output:

        ```
        Average: 412.78 EUR
        ```

        ![chart.png](assets/file-Ch5Wn1Xq7Rt3Lm9Kd2Vs8Fb-chart.png)

        Here is the chart.""")
        .doesNotContain("ImageDisplayed");
    assertThat(notes.get("2025-01-15 What lighthouse is this_ c72781f2e3.md"))
        .contains(
            "![lighthouse.png](assets/file-Lh8Pq2Zx5Wc9Rb4Nt7Ym3Kd-lighthouse.png)\n\nI took this photo")
        .doesNotContain("Attachment:");
  }

  @Test
  void citationsBecomeFootnotesAndReasoningACollapsibleBlock() throws Exception {
    assertThat(Cli.run("markdown", sample, out).status()).isZero();
    String note = notes().get("2025-06-10 Rijksmuseum opening hours e35ffef53f.md");
    assertThat(note)
        .contains(
            """
        <details>
        <summary>Thought for 7s</summary>

        **Checking current opening hours**

        Museum hours change with the season;""")
        .contains(
            "from 9:00 to 17:00 [^1]. Tickets are sold online only, so book a time slot before you go [^1].")
        .endsWith(
            "\n[^1]: [Plan your visit – Rijksmuseum](https://www.rijksmuseum.example/en/visit)\n")
        .doesNotContain("\uE200", "web.run", "search_query", "The user wants");

    Path other = tmp.resolve("other");
    assertThat(Cli.run("markdown", "--no-reasoning", sample, other).status()).isZero();
    assertThat(
            Files.readString(other.resolve("2025-06-10 Rijksmuseum opening hours e35ffef53f.md")))
        .doesNotContain("<details>", "Thought for", "Checking current")
        .contains("[^1]");
  }

  @Test
  void citationsOfThe2023FormBecomeFootnotesToo() throws Exception {
    Path file = Fixtures.get("conversations/content-types.json").copyTo(tmp);
    assertThat(Cli.run("markdown", file, out).status()).isZero();
    assertThat(String.join("", notes().values()))
        .contains("quartiles directly [^1].")
        .contains("[^1]: [Box plots for skewed data](https://stats.example.org/box-plots)");
  }

  @Test
  void otherBranchesAreAnAppendixOnRequest() throws Exception {
    assertThat(Cli.run("markdown", "--branches", sample, out).status()).isZero();
    assertThat(notes().get(LISBON))
        .contains(
            """

        ## Other branches

        ### Branch 1 of 2

        _Forks after: “I have a free weekend in Lisbon in June and attached the tram map. Can you plan two \
        relaxed days?”_

        #### Assistant · gpt-4o ·\s""")
        .contains("**Saturday:** Alfama in the morning");
    assertThat(notes().get(REGEX)).doesNotContain("Other branches");
  }

  @Test
  void aSecondRunRewritesOnlyTheConversationsThatChanged() throws Exception {
    assertThat(Cli.run("markdown", sample, out).status()).isZero();
    age();
    Cli.Result same = Cli.run("markdown", sample, out);
    assertThat(same.out()).endsWith(": 0 written, 5 unchanged; 0 assets copied.\n");
    assertThat(times().values()).containsOnly(LONG_AGO);

    edit("Here is one that also checks", "Here is a pattern that also checks");
    Cli.Result r = Cli.run("markdown", sample, out);
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).endsWith(": 1 written, 4 unchanged; 0 assets copied.\n");
    Map<String, FileTime> times = times();
    assertThat(times.get(REGEX)).isNotEqualTo(LONG_AGO);
    times.remove(REGEX);
    assertThat(times.values()).hasSize(4).containsOnly(LONG_AGO);
    assertThat(notes().get(REGEX)).contains("Here is a pattern that also checks");
  }

  @Test
  void aNewTitleMovesTheNote() throws Exception {
    assertThat(Cli.run("markdown", sample, out).status()).isZero();
    edit("\"title\": \"Weekend in Lisbon\"", "\"title\": \"Two days in Lisbon\"");
    Cli.Result r = Cli.run("markdown", sample, out);
    assertThat(r.out()).endsWith(": 1 written, 4 unchanged; 0 assets copied.\n");
    assertThat(notes())
        .hasSize(5)
        .doesNotContainKey(LISBON)
        .containsKey("2024-05-10 Two days in Lisbon 44cefd630a.md");
  }

  @Test
  void aNoteEditedByHandIsKeptUnlessForced() throws Exception {
    assertThat(Cli.run("markdown", sample, out).status()).isZero();
    Files.writeString(
        out.resolve(REGEX), "\nMy own notes.\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(Cli.run("markdown", sample, out).out())
        .endsWith(": 0 written, 5 unchanged; 0 assets copied.\n");

    edit("Here is one that also checks", "Here is a pattern that also checks");
    Cli.Result r = Cli.run("markdown", sample, out);
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .endsWith(
            ": 0 written, 4 unchanged, 1 kept (edited by hand; --force rewrites); 0 assets"
                + " copied.\n");
    assertThat(r.err())
        .isEqualTo("kept " + REGEX + ": edited since it was written (--force rewrites it)\n");
    assertThat(notes().get(REGEX)).contains("My own notes.").doesNotContain("a pattern");

    Cli.Result forced = Cli.run("markdown", "--force", sample, out);
    assertThat(forced.out()).endsWith(": 5 written, 0 unchanged; 0 assets copied.\n");
    assertThat(notes().get(REGEX)).doesNotContain("My own notes.").contains("a pattern");
  }

  @Test
  void outDirMustBeAFolder() throws Exception {
    Path file = Files.writeString(tmp.resolve("file.txt"), "x");
    Cli.Result r = Cli.run("markdown", sample, file);
    assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("OUT-DIR is not a folder");
  }

  @Test
  void refusesToWriteAssetsThroughALink() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createDirectories(out);
    try {
      Files.createSymbolicLink(out.resolve("assets"), elsewhere);
    } catch (UnsupportedOperationException | java.io.IOException e) {
      return; // no symbolic links here (Windows without the privilege)
    }
    Cli.Result r = Cli.run("markdown", sample, out);
    assertThat(r.status()).as(r.toString()).isEqualTo(ExitCodes.IO);
    assertThat(r.err()).startsWith("chatexport: refusing to write assets through ");
    try (Stream<Path> files = Files.list(elsewhere)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void hostileTitlesIdsAndAssetNamesNeverLeaveOutDir() throws Exception {
    Path export = hostileExport(tmp.resolve("hostile"));
    Path notesDir = tmp.resolve("a/b/notes");
    Cli.Result r = Cli.run("markdown", export, notesDir);
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).contains(": 6 written, 0 unchanged; 2 assets copied.");
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.filter(Files::isRegularFile))
          .allSatisfy(
              p ->
                  assertThat(p.startsWith(export) || p.startsWith(notesDir) || p.startsWith(sample))
                      .as(p.toString())
                      .isTrue());
    }
    List<String> names;
    try (Stream<Path> all = Files.walk(notesDir)) {
      names = all.filter(Files::isRegularFile).map(p -> notesDir.relativize(p).toString()).toList();
    }
    assertThat(names).hasSize(9); // 6 notes, 2 assets, the state file
    Pattern reserved = Pattern.compile("(?i)(CON|PRN|AUX|NUL|COM\\d|LPT\\d)(\\..*)?");
    for (String path : names) {
      String name = Path.of(path).getFileName().toString();
      assertThat(name.getBytes(StandardCharsets.UTF_8).length).as(name).isLessThanOrEqualTo(255);
      assertThat(name)
          .as(name)
          .doesNotContain("/", "\\", ":", "*", "?", "\"", "<", ">", "|", "\u001b", "\n")
          .doesNotStartWith("..")
          .doesNotEndWith(".")
          .doesNotEndWith(" ");
      assertThat(reserved.matcher(name).matches()).as(name).isFalse();
    }
    assertThat(names)
        .contains("assets/file_00000000e1e1e1e1-_.._evil.png")
        .anySatisfy(n -> assertThat(n).startsWith("2023-11-14 ΩΩΩΩ").endsWith(".md"))
        .anySatisfy(n -> assertThat(n).startsWith("2023-11-14 _CON ").endsWith(".md"))
        .anySatisfy(n -> assertThat(n).startsWith("2023-11-14 _.._evil ").endsWith(".md"))
        .anySatisfy(n -> assertThat(n).startsWith("2023-11-14 Untitled ").endsWith(".md"));
    // Two conversations with one title get two notes.
    assertThat(names.stream().filter(n -> n.contains(" _CON "))).hasSize(2);
    // A second run finds every note unchanged, whatever the names.
    assertThat(Cli.run("markdown", export, notesDir).out())
        .contains(": 0 written, 6 unchanged; 0 assets copied.");

    Cli.Result list = Cli.run("list", export);
    assertThat(list.out()).doesNotContain("\u001b").contains("a/b\\c:d*?\"<>| [31m red");
    Cli.Result show = Cli.run("show", "--hidden", export, "red");
    assertThat(show.status()).as(show.toString()).isZero();
    assertThat(show.out()).doesNotContain("\u001b", "\u202e").contains("[31m red");
  }

  static Stream<Fixture> conversationFixtures() {
    return Fixtures.group("conversations").stream()
        .filter(f -> !f.name().equals("chain-100k") && !f.name().equals("comb-50k"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conversationFixtures")
  void everyFixtureBecomesNotes(Fixture fixture) throws Exception {
    Path file = fixture.copyTo(tmp);
    Cli.Result r = Cli.run("markdown", "--branches", file, out);
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).containsPattern("^\\d+ notes? in .*: \\d+ written, 0 unchanged");
    assertThat(notes())
        .isNotEmpty()
        .allSatisfy((name, text) -> assertThat(text).startsWith("---\nid: "));
  }

  /**
   * Conversations whose titles, ids and asset names try to escape OUT-DIR or to break names and
   * terminals.
   */
  private static Path hostileExport(Path dir) throws Exception {
    Files.createDirectories(dir);
    String longTitle = "Ω".repeat(300);
    String[][] conversations = {
      {"c-evil", "\"../../evil\""},
      {"c-con", "\"CON\""},
      {"c-con-2", "\"CON\""},
      {"c-long", "\"" + longTitle + "\""},
      {"../../c-id", "\"a/b\\\\c:d*?\\\"<>|\\u001b[31m red\\u202e\\n\""},
      {"c-null", "null"}
    };
    StringBuilder json = new StringBuilder("[");
    for (String[] c : conversations) {
      String id = c[0];
      String parts =
          id.equals("c-evil")
              ? "{\"content_type\": \"multimodal_text\", \"parts\": [{\"content_type\": \"image_asset_pointer\","
                  + " \"asset_pointer\": \"sediment://file_00000000e1e1e1e1\"}, \"look\"]}"
              : "{\"content_type\": \"text\", \"parts\": [\"hello\"]}";
      String metadata =
          id.equals("c-evil")
              ? "{\"attachments\": [{\"id\": \"file_00000000e2e2e2e2\", \"name\": \"../../secret.pdf\"}]}"
              : "{}";
      json.append(json.length() > 1 ? ",\n" : "\n")
          .append("{\"id\": \"")
          .append(id.replace("\\", "\\\\"))
          .append("\", \"title\": ")
          .append(c[1])
          .append(", \"create_time\": 1700000000.5, \"mapping\": {")
          .append(
              "\"root\": {\"id\": \"root\", \"message\": null, \"parent\": null, \"children\": [\"m1\"]},")
          .append(
              "\"m1\": {\"id\": \"m1\", \"message\": {\"id\": \"m1\", \"author\": {\"role\": \"user\"},")
          .append(" \"create_time\": 1700000001, \"content\": ")
          .append(parts)
          .append(", \"metadata\": ")
          .append(metadata)
          .append("}, \"parent\": \"root\", \"children\": []}}, \"current_node\": \"m1\"}");
    }
    json.append("\n]\n");
    Files.writeString(dir.resolve("conversations.json"), json);
    Files.writeString(
        dir.resolve("conversation_asset_file_names.json"),
        "{\"file_00000000e1e1e1e1.dat\": \"../../evil.png\", \"file_00000000e2e2e2e2.dat\": \"..\\\\..\\\\CON\"}");
    Files.write(
        dir.resolve("file_00000000e1e1e1e1.dat"),
        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});
    Files.write(
        dir.resolve("file_00000000e2e2e2e2.dat"),
        "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
    return dir;
  }

  private Map<String, String> notes() throws Exception {
    try (Stream<Path> files = Files.list(out)) {
      return files
          .filter(p -> p.toString().endsWith(".md"))
          .collect(
              Collectors.toMap(
                  p -> p.getFileName().toString(),
                  p -> {
                    try {
                      return Files.readString(p);
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  }));
    }
  }

  private Map<String, FileTime> times() throws Exception {
    try (Stream<Path> files = Files.list(out)) {
      return files
          .filter(p -> p.toString().endsWith(".md"))
          .collect(
              Collectors.toMap(
                  p -> p.getFileName().toString(),
                  p -> {
                    try {
                      return Files.getLastModifiedTime(p);
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  }));
    }
  }

  private void age() throws Exception {
    for (String note : notes().keySet()) {
      Files.setLastModifiedTime(out.resolve(note), LONG_AGO);
    }
  }

  private void edit(String from, String to) throws Exception {
    Path file = sample.resolve("conversations.json");
    String json = Files.readString(file);
    assertThat(json).contains(from);
    Files.writeString(file, json.replace(from, to));
  }
}
