package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.testdata.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsCommandTest {
  @TempDir Path tmp;

  @Test
  void countsTheSample() throws Exception {
    Cli.Result r = Cli.run("stats", "--zone", "UTC", Cli.sample(tmp));
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
        Export         sample (folder, conversations from conversations.json, era: one conversations.json \
        (2023 to early 2026))
        Conversations  5, 1 with forks (2 branches in those)
        Messages       25 (assistant 12, user 6, system 5, tool 2)
        Content types  text 18, code 2, execution_output 1, multimodal_text 1, reasoning_recap 1, \
        sonic_webpage 1, thoughts 1
        Models         gpt-4o 6, o3 5, gpt-4o-mini 1
        First message  2024-05-10 09:12 (UTC)
        Last message   2025-06-10 10:07
        Assets         3 referenced: 3 present, 0 missing (3 asset files in the export)
        Warnings       none
        """);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void threadsChangeNothingButTheSpeed() throws Exception {
    Path sample = Cli.sample(tmp);
    Cli.Result one = Cli.run("stats", sample);
    Cli.Result four = Cli.run("stats", "--threads", "4", sample);
    assertThat(four.status()).as(four.toString()).isZero();
    assertThat(four.out()).isEqualTo(one.out());
    assertThat(Cli.run("jsonl", "-j", "3", "--full", sample).out())
        .isEqualTo(Cli.run("jsonl", "--full", sample).out());
    assertThat(Cli.run("stats", "--threads", "0", sample).status()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void readsAZipAndPrintsTimesInTheZone() throws Exception {
    Path zip = Fixtures.get("exports/basic-2024/").zipTo(tmp);
    Cli.Result r = Cli.run("stats", "--zone", "Asia/Tokyo", zip);
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("Export         basic-2024.zip (ZIP, conversations from conversations.json")
        .contains("First message  2024-08-05 19:00 (Asia/Tokyo)")
        .contains(
            "Assets         1 referenced: 0 present, 1 missing (0 asset files in the export)");
  }

  @Test
  void countsWarningsByKind() throws Exception {
    Cli.Result r = Cli.run("stats", Fixtures.get("conversations/cycle.json").copyTo(tmp));
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains("Warnings       CYCLE 1, MULTIPLE_ROOTS 1")
        .contains("Export         cycle.json (JSON file, conversations from the JSON file");
  }
}
