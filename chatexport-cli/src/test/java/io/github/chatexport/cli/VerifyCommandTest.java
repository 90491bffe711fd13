package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.testdata.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  @TempDir Path tmp;

  @Test
  void aCleanExportExitsWithZero() throws Exception {
    Cli.Result r = Cli.run("verify", Cli.sample(tmp));
    assertThat(r.status()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .isEqualTo(
            """
        export: sample (folder, conversations from conversations.json, era: one conversations.json \
        (2023 to early 2026))
        5 conversations, 0 warnings, 0 missing assets, no errors: clean.
        """);
  }

  @Test
  void missingAssetsAreListedButKeepTheExportClean() throws Exception {
    Cli.Result r = Cli.run("verify", Fixtures.get("exports/basic-2024/").zipTo(tmp));
    assertThat(r.status()).as(r.toString()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .startsWith("export: basic-2024.zip (ZIP, conversations from conversations.json")
        .containsPattern("missing asset: [a-z_]+ \\S+ \\(conversation \\S+, message \\S+\\)")
        .endsWith("2 conversations, 0 warnings, 1 missing asset, no errors: clean.\n");
  }

  @Test
  void warningsAreListedWithTheirLocationAndExitWithOne() throws Exception {
    Cli.Result r = Cli.run("verify", Fixtures.get("conversations/cycle.json").copyTo(tmp));
    assertThat(r.status()).as(r.toString()).isEqualTo(ExitCodes.WARNINGS);
    assertThat(r.out())
        .contains("warning CYCLE: ")
        .contains(
            "cycle.json line 96 column 48 (byte 3922) at"
                + " $[0].mapping.8d3f5a62-1b0c-4e9d-a8f7-e6d5c4b3a291.parent (conversation"
                + " 3f2e1d0c-9b8a-4776-a5b4-c3d2e1f0a9b8)")
        .contains("warning MULTIPLE_ROOTS: ")
        .endsWith(
            "1 conversation, 2 warnings, 0 missing assets, no errors: readable, with warnings.\n");
  }

  @Test
  void errorsAreReportedWithTheirLocationAndExitWithTwo() throws Exception {
    Cli.Result r = Cli.run("verify", Fixtures.get("malformed/truncated.json").copyTo(tmp));
    assertThat(r.status()).as(r.toString()).isEqualTo(ExitCodes.DAMAGED);
    assertThat(r.out())
        .contains("error: the JSON ends too early")
        .contains("truncated.json line 4 column")
        .endsWith(
            "2 conversations, 0 warnings, 0 missing assets, 1 error (the read stopped there): damaged.\n");
  }

  @Test
  void somethingThatIsNoExportIsAnError() throws Exception {
    Cli.Result r = Cli.run("verify", Fixtures.get("malformed/empty-file.json").copyTo(tmp));
    assertThat(r.status()).as(r.toString()).isEqualTo(ExitCodes.DAMAGED);
    assertThat(r.out()).contains("error: not a ChatGPT export: found an empty file");
  }
}
