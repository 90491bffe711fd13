package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.testdata.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What users see of real exports' oddities (issue 10): id-less conversations, empty exports, the
 * real manifest.
 */
class RealExportsTest {
  @TempDir Path tmp;

  @Test
  void everyIdLessConversationGetsANoteOfItsOwn() throws Exception {
    Path input = Fixtures.get("conversations/no-ids.json").copyTo(tmp);
    Path out = tmp.resolve("notes");
    Cli.Result r = Cli.run("markdown", input, out);
    assertThat(r.status()).as(r.toString()).isZero();
    List<String> notes;
    try (Stream<Path> files = Files.list(out)) {
      notes =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".md"))
              .sorted()
              .toList();
    }
    assertThat(notes).hasSize(5);
    assertThat(r.out()).contains("5 notes in ").contains(": 5 written, 0 unchanged");
    for (String note : notes) {
      String text = Files.readString(out.resolve(note));
      assertThat(text).contains("id: null\n").doesNotContain("chatgpt.com/c/");
    }
    Cli.Result again = Cli.run("markdown", input, out);
    assertThat(again.out()).as(again.toString()).contains(": 0 written, 5 unchanged");
  }

  @Test
  void listAndShowSayNoIdRatherThanAnEmptyColumn() throws Exception {
    Path input = Fixtures.get("conversations/no-ids.json").copyTo(tmp);
    Cli.Result list = Cli.run("list", "--zone", "UTC", input);
    assertThat(list.status()).as(list.toString()).isZero();
    assertThat(list.out().lines().filter(l -> l.startsWith("(no id)"))).hasSize(5);
    Cli.Result show = Cli.run("show", input, "Bike chain cleaning");
    assertThat(show.out()).as(show.toString()).contains("id (no id), created");
  }

  @Test
  void anEmptyExportReadsWithAWarningAndVerifyExitsWithOne() throws Exception {
    Cli.Result r = Cli.run("verify", Fixtures.get("exports/empty-export/").copyTo(tmp));
    assertThat(r.status()).as(r.toString()).isEqualTo(ExitCodes.WARNINGS);
    assertThat(r.out())
        .contains("warning EMPTY_EXPORT: the export holds no conversations at all")
        .contains(
            "0 conversations, 1 warning, 0 missing assets, no errors: readable, with warnings.");
  }

  @Test
  void verifyReportsWhatTheManifestListsButTheDownloadLacks() throws Exception {
    Cli.Result r = Cli.run("verify", Fixtures.get("exports/manifest-real/").zipTo(tmp));
    assertThat(r.status()).as(r.toString()).isEqualTo(ExitCodes.WARNINGS);
    assertThat(r.out())
        .contains(
            "warning MISSING_FILE: the manifest lists the shard conversations-002.json, which the export"
                + " does not hold: its conversations are lost")
        .contains(
            "warning SIZE_MISMATCH: the manifest gives file_00000000aa11622f0000000000000001.dat 4096"
                + " bytes, the export holds 32")
        .contains(
            "warning MISSING_FILE: the manifest lists file_00000000bb22622f0000000000000002.dat, which the"
                + " export does not hold")
        .contains("2 conversations, 3 warnings");
  }

  @Test
  void statsTakesTheConversationsModelAndCountsOnlyTheExportsAssets() throws Exception {
    Cli.Result project =
        Cli.run(
            "stats",
            "--zone",
            "UTC",
            Fixtures.get("conversations/era-2026-project.json").copyTo(tmp));
    assertThat(project.out())
        .as(project.toString())
        .contains("Models         gpt-5 1, gpt-5-thinking 1\n");
    Cli.Result media =
        Cli.run("stats", "--zone", "UTC", Fixtures.get("exports/media-folders/").copyTo(tmp));
    assertThat(media.out())
        .as(media.toString())
        .contains(
            "Assets         3 referenced: 3 present, 0 missing (3 asset files in the export)");
  }

  @Test
  void verifyCountsTheMissingAssetsItLists() throws Exception {
    // One missing image, pointed to twice (its image part and its attachment): one line, "1 missing
    // asset".
    Path dir = Files.createDirectories(tmp.resolve("twice"));
    Files.writeString(
        dir.resolve("conversations.json"),
        """
        [{"id": "c1", "conversation_id": "c1", "title": "Photo", "create_time": 1700000000.0,
          "current_node": "m1", "mapping": {
            "m0": {"id": "m0", "message": null, "parent": null, "children": ["m1"]},
            "m1": {"id": "m1", "parent": "m0", "children": [], "message": {"id": "m1",
              "author": {"role": "user", "name": null, "metadata": {}}, "create_time": 1700000001.0,
              "content": {"content_type": "multimodal_text", "parts": [{"content_type": "image_asset_pointer",
                "asset_pointer": "file-service://file-Gone1234", "size_bytes": 10, "width": 1, "height": 1}]},
              "metadata": {"attachments": [{"id": "file-Gone1234", "name": "gone.png"}]}}}}}]
        """);
    Cli.Result r = Cli.run("verify", dir);
    long lines = r.out().lines().filter(l -> l.startsWith("missing asset: ")).count();
    assertThat(lines).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains(", 1 missing asset, no errors");
  }
}
