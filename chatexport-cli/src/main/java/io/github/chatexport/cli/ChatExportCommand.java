package io.github.chatexport.cli;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code chatexport}: the command that holds the others and the options they share. */
@Command(
    name = "chatexport",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Everyday jobs on a ChatGPT data export (the ZIP as downloaded, the extracted folder, or a"
          + " conversations JSON file): see what is in it, read a conversation, turn it into Markdown notes,"
          + " feed it to another tool, check that it is whole.",
      "",
      "Run 'chatexport COMMAND --help' for the options and examples of each command.",
      ""
    },
    subcommands = {
      StatsCommand.class,
      ListCommand.class,
      ShowCommand.class,
      MarkdownCommand.class,
      HtmlCommand.class,
      JsonlCommand.class,
      VerifyCommand.class,
      ArchiveCommand.class,
      SearchCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  chatexport stats chatgpt-export.zip",
      "  chatexport list --since 2025-01-01 --model o3 chatgpt-export.zip",
      "  chatexport show chatgpt-export.zip \"Weekend in Lisbon\"",
      "  chatexport markdown chatgpt-export.zip notes/",
      "  chatexport html chatgpt-export.zip site/",
      "  chatexport jsonl chatgpt-export.zip > chats.jsonl",
      "  chatexport verify chatgpt-export.zip",
      "  chatexport archive add chats.sqlite chatgpt-export.zip"
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      ExitCodes.LIST_OK,
      ExitCodes.LIST_WARNINGS,
      ExitCodes.LIST_DAMAGED,
      ExitCodes.LIST_NOT_FOUND,
      ExitCodes.LIST_IO,
      ExitCodes.LIST_USAGE,
      ExitCodes.LIST_INTERNAL
    })
final class ChatExportCommand implements Runnable {
  /** Whether stderr is a terminal, so that a progress bar may be drawn. */
  final boolean terminal;

  /** The clock of the progress bar. */
  final LongSupplier clock;

  @Spec CommandSpec spec;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      scope = ScopeType.INHERIT,
      converter = ZoneConverter.class,
      description =
          "Time zone of printed times, such as Europe/Berlin or UTC (default: the system's)."
              + " JSON output is always UTC.")
  @Nullable ZoneId zone;

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description = "No progress bar and no notes on stderr; errors are still reported.")
  boolean quiet;

  @Option(
      names = {"-j", "--threads"},
      paramLabel = "N",
      scope = ScopeType.INHERIT,
      description = "Parse with N threads (default: 1); the output is the same, in the same order.")
  int threads = 1;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error.")
  boolean debug;

  ChatExportCommand(boolean terminal, LongSupplier clock) {
    this.terminal = terminal;
    this.clock = clock;
    this.spec = CommandSpec.create();
  }

  /** The zone for printed times. */
  ZoneId zone() {
    ZoneId z = zone;
    return z == null ? ZoneId.systemDefault() : z;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is needed: stats, list, show, markdown, jsonl or verify");
  }

  /**
   * {@code --zone}: a region id ({@code Europe/Berlin}), an offset ({@code +02:00}) or {@code UTC}.
   */
  static final class ZoneConverter implements CommandLine.ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
      try {
        return ZoneId.of(value);
      } catch (DateTimeException e) {
        throw new CommandLine.TypeConversionException(
            "unknown time zone '"
                + value
                + "' (use a region such as Europe/Berlin, an offset such as +02:00,"
                + " or UTC)");
      }
    }
  }
}
