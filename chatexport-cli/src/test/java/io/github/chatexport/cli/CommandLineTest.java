package io.github.chatexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.testdata.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every command shares: help, version, usage errors, one-line errors, exit statuses, progress.
 */
class CommandLineTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} --help")
  @ValueSource(strings = {"stats", "list", "show", "markdown", "html", "jsonl", "verify"})
  void everyCommandHasHelpWithExamplesAndExitStatuses(String command) {
    Cli.Result r = Cli.run(command, "--help");
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("Usage: chatexport " + command)
        .contains(
            "Examples:",
            "  chatexport " + command,
            "Exit status:",
            "--zone=ZONE",
            "--quiet",
            "--debug");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void topLevelHelpListsTheCommandsAndTheExitStatuses() {
    Cli.Result r = Cli.run("--help");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains("stats", "list", "show", "markdown", "jsonl", "verify", "Examples:")
        .contains(
            "  0    done",
            "  1    verify",
            "  2    the input is not an export",
            "  3    show",
            "  4    a file could not be read or written",
            "  64   bad arguments",
            "  70   internal error");
    assertThat(Cli.run("help", "markdown").out()).startsWith(Cli.run("markdown", "--help").out());
  }

  @Test
  void versionNamesTheBuiltVersionAndJava() {
    Cli.Result r = Cli.run("--version");
    assertThat(r.status()).isZero();
    assertThat(r.out()).startsWith("chatexport ").doesNotContain("${").contains("Java ");
    assertThat(Cli.run("stats", "--version").out()).isEqualTo(r.out());
  }

  @Test
  void noCommandIsAUsageError() {
    Cli.Result r = Cli.run();
    assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("a command is needed").contains("Try 'chatexport --help'");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unknownCommandsAndOptionsAreUsageErrors() {
    assertThat(Cli.run("stat", "x").status()).isEqualTo(ExitCodes.USAGE);
    Cli.Result r = Cli.run("list", "--bogus", "x");
    assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--bogus");
    assertThat(Cli.run("show", "only-one-argument").status()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void aMissingExportIsAUsageErrorInOneLine() {
    Cli.Result r = Cli.run("stats", tmp.resolve("nope.zip"));
    assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("chatexport stats: EXPORT: no such file or folder: ");
    assertThat(r.err().lines()).hasSize(2);
  }

  @Test
  void anUnknownZoneIsAUsageError() throws Exception {
    Cli.Result r = Cli.run("list", "--zone", "Mars/Olympus", Cli.sample(tmp));
    assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("unknown time zone 'Mars/Olympus'");
  }

  @Test
  void aFileThatIsNoExportExitsWithTwoAndOneLine() throws Exception {
    Path text = Files.writeString(tmp.resolve("notes.txt"), "hello", StandardCharsets.UTF_8);
    Cli.Result r = Cli.run("stats", text);
    assertThat(r.status()).as(r.toString()).isEqualTo(ExitCodes.DAMAGED);
    assertThat(r.err()).startsWith("chatexport: not a ChatGPT export").contains("notes.txt");
    assertThat(r.err().lines()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"stats", "list", "jsonl"})
  void damageEndsWithTheLibrarysLocationAndExitTwo(String command) throws Exception {
    Path truncated = Fixtures.get("malformed/truncated.json").copyTo(tmp);
    Cli.Result r = Cli.run(command, truncated);
    assertThat(r.status()).as(r.toString()).isEqualTo(ExitCodes.DAMAGED);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err())
        .startsWith("chatexport: the JSON ends too early")
        .contains("truncated.json line 4 column")
        .contains("at $[2].mapping.")
        .doesNotContain("\tat ");
  }

  @Test
  void debugAddsTheStackTrace() throws Exception {
    Path truncated = Fixtures.get("malformed/truncated.json").copyTo(tmp);
    Cli.Result r = Cli.run("stats", "--debug", truncated);
    assertThat(r.status()).isEqualTo(ExitCodes.DAMAGED);
    assertThat(r.err())
        .startsWith("chatexport: the JSON ends too early")
        .contains("io.github.chatexport.core.ChatExportException")
        .contains("\tat ");
    assertThat(Cli.run("--debug", "stats", truncated).err())
        .contains("\tat "); // before the command, too
  }

  @Test
  void aFileThatCannotBeWrittenExitsWithFour() throws Exception {
    Cli.Result r = Cli.run("jsonl", "-o", tmp.resolve("no/such/folder/out.jsonl"), Cli.sample(tmp));
    assertThat(r.status()).as(r.toString()).isEqualTo(ExitCodes.IO);
    assertThat(r.err()).startsWith("chatexport: no such file or folder: ").contains("out.jsonl");
  }

  @Test
  void theProgressBarIsDrawnOnStderrOnlyInATerminal() throws Exception {
    Path sample = Cli.sample(tmp);
    Cli.Result terminal = Cli.runInTerminal("stats", sample);
    assertThat(terminal.status()).isZero();
    assertThat(terminal.err())
        .contains("\r")
        .contains("%")
        .contains("conversations")
        .contains("/s")
        .endsWith("\r");
    String last =
        terminal.err().substring(terminal.err().lastIndexOf('\r', terminal.err().length() - 2));
    assertThat(last.strip()).as("the bar is cleared at the end").isEmpty();
    assertThat(terminal.out()).doesNotContain("\r");

    assertThat(Cli.runInTerminal("stats", "--quiet", sample).err()).isEmpty();
    assertThat(Cli.runInTerminal("-q", "stats", sample).err()).isEmpty();
    assertThat(Cli.run("stats", sample).err()).isEmpty();
    assertThat(terminal.out()).isEqualTo(Cli.run("stats", sample).out());
  }

  @Test
  void theProgressLineShowsPercentBytesRateAndTimeLeft() {
    assertThat(Progress.line(1234, 12_300_000, 29_000_000, 3_000_000_000L))
        .isEqualTo(
            " 42% [==========>             ] 1,234 conversations, 12.3 MB of 29.0 MB, 4.1 MB/s, 0:04 left");
    assertThat(Progress.line(1, 500, -1, 1_000_000_000L))
        .isEqualTo("1 conversation, 500 B, 500 B/s");
  }
}
