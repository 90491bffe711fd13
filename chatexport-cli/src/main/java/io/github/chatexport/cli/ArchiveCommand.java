package io.github.chatexport.cli;

import io.github.chatexport.archive.AddOptions;
import io.github.chatexport.archive.ArchivedExport;
import io.github.chatexport.archive.ChatArchive;
import io.github.chatexport.archive.ImportReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code chatexport archive add|log|export}: keep a copy that only grows, from every export ever
 * downloaded.
 */
@Command(
    name = "archive",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    synopsisSubcommandLabel = "(add | log | export)",
    header = "Keep a copy that only grows: every export merged into one archive file (SQLite).",
    description = {
      "An archive keeps every version of every conversation of every export added, each message stored once;"
          + " a conversation deleted from the account stays, marked deleted. Every reading command (stats,"
          + " list, show, markdown, jsonl, verify) reads an archive as it reads an export: its merged view.",
      ""
    },
    subcommands = {ArchiveCommand.Add.class, ArchiveCommand.Log.class, ArchiveCommand.Export.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  chatexport archive add chats.sqlite chatgpt-export-2026-11.zip chatgpt-export-2026-12.zip",
      "  chatexport archive log chats.sqlite",
      "  chatexport archive export chats.sqlite merged.zip",
      "  chatexport list --json chats.sqlite"
    })
final class ArchiveCommand implements Runnable {
  /** Set by picocli. */
  @ParentCommand ChatExportCommand root = new ChatExportCommand(false, System::nanoTime);

  /** Set by picocli. */
  @Spec CommandSpec spec = CommandSpec.create();

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: add, log or export");
  }

  /** What the archive commands share. */
  abstract static class Sub implements Callable<Integer> {
    /** Set by picocli. */
    @ParentCommand ArchiveCommand parent = new ArchiveCommand();

    /** Set by picocli. */
    @Spec CommandSpec spec = CommandSpec.create();

    final PrintWriter out() {
      return spec.commandLine().getOut();
    }

    final void note(String line) {
      if (!parent.root.quiet) {
        spec.commandLine().getErr().println(line);
        spec.commandLine().getErr().flush();
      }
    }

    /** Opens an archive that must exist. */
    final ChatArchive existing(Path archive) throws IOException {
      if (!Files.isRegularFile(archive)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "ARCHIVE: no such file: " + archive);
      }
      return ChatArchive.open(archive);
    }
  }

  /** {@code chatexport archive add ARCHIVE EXPORT...}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      versionProvider = Version.class,
      header = "Add exports to an archive (created if absent), each in one transaction.",
      description = {
        "Adds each EXPORT in turn and reports, per export, the conversations that are new, changed and"
            + " unchanged, those marked deleted (a newer complete export lacks them) or back again, and the"
            + " asset files added. Adding the same export twice changes nothing. An export that is damaged or"
            + " incomplete is refused unless --partial; an export of another account is refused unless"
            + " --other-account.",
        ""
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  chatexport archive add chats.sqlite chatgpt-export-2026-12.zip",
        "  chatexport archive add --json chats.sqlite exports/*.zip"
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        ExitCodes.LIST_OK,
        ExitCodes.LIST_DAMAGED,
        ExitCodes.LIST_IO,
        ExitCodes.LIST_USAGE,
        ExitCodes.LIST_INTERNAL
      })
  static final class Add extends Sub {
    @Parameters(
        index = "0",
        paramLabel = "ARCHIVE",
        description = "The archive file (created when absent).")
    Path archive = Path.of("");

    @Parameters(
        index = "1..*",
        arity = "1..*",
        paramLabel = "EXPORT",
        description = "Exports: ZIPs as downloaded, extracted folders or conversations JSON files.")
    List<Path> exports = new ArrayList<>();

    @Option(
        names = "--partial",
        description =
            "Keep what a damaged or incomplete export holds instead of refusing it; it marks nothing"
                + " deleted.")
    boolean partial;

    @Option(
        names = "--other-account",
        description = "Accept an export of another account than the archive's.")
    boolean otherAccount;

    @Option(
        names = "--json",
        description =
            "One JSON object per export and line: export, new, changed, unchanged, deleted,"
                + " reappeared, assets_added.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      for (Path export : exports) {
        if (!Files.exists(export)) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), "EXPORT: no such file or folder: " + export);
        }
      }
      PrintWriter out = out();
      try (ChatArchive a = ChatArchive.open(archive)) {
        for (Path export : exports) {
          ImportReport r;
          try (Progress progress =
              new Progress(
                  spec.commandLine().getErr(),
                  parent.root.terminal && !parent.root.quiet,
                  parent.root.clock)) {
            r =
                a.add(
                    export,
                    AddOptions.DEFAULT
                        .withPartial(partial)
                        .withOtherAccount(otherAccount)
                        .withProgress(progress));
          }
          if (json) {
            out.println(
                Json.write(
                    g -> {
                      g.writeStartObject();
                      g.writeStringField("export", r.export().fileName());
                      counts(g, r);
                      g.writeEndObject();
                    }));
          } else {
            out.println(text(r));
          }
          out.flush();
        }
      }
      return ExitCodes.OK;
    }
  }

  /** The counts of a report as JSON fields. */
  static void counts(com.fasterxml.jackson.core.JsonGenerator g, ImportReport r)
      throws IOException {
    g.writeNumberField("new", r.newConversations());
    g.writeNumberField("changed", r.changed());
    g.writeNumberField("unchanged", r.unchanged());
    g.writeNumberField("deleted", r.deleted());
    g.writeNumberField("reappeared", r.reappeared());
    g.writeNumberField("assets_added", r.assetsAdded());
  }

  static String text(ImportReport r) {
    String name = Texts.oneLine(r.export().fileName());
    if (r.alreadyAdded()) {
      return name
          + ": already in the archive (export "
          + r.export().number()
          + "); nothing changed";
    }
    return name
        + ": "
        + r.newConversations()
        + " new, "
        + r.changed()
        + " changed, "
        + r.unchanged()
        + " unchanged, "
        + r.deleted()
        + " marked deleted, "
        + r.reappeared()
        + " back again, "
        + Texts.plural(r.assetsAdded(), "asset", "assets")
        + " added"
        + (r.export().partial() ? " (partial: marks nothing deleted)" : "");
  }

  /** {@code chatexport archive log ARCHIVE}. */
  @Command(
      name = "log",
      mixinStandardHelpOptions = true,
      versionProvider = Version.class,
      header = "Each export added to an archive, with the report of its add.",
      description = {
        "One line per export, in the order added: its number (for 'archive export --as-of'), file name,"
            + " its own date (the latest update in it), when it was added, and what its add did.",
        ""
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  chatexport archive log chats.sqlite",
        "  chatexport archive log --json chats.sqlite"
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        ExitCodes.LIST_OK,
        ExitCodes.LIST_DAMAGED,
        ExitCodes.LIST_IO,
        ExitCodes.LIST_USAGE,
        ExitCodes.LIST_INTERNAL
      })
  static final class Log extends Sub {
    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive file.")
    Path archive = Path.of("");

    @Option(
        names = "--json",
        description =
            "A JSON array, one object per export and line: number, export, sha256, size, account_id,"
                + " export_time and added_at (UTC ISO-8601), partial, conversations, and the counts of its add"
                + " (new, changed, unchanged, deleted, reappeared, assets_added).")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = out();
      try (ChatArchive a = existing(archive)) {
        List<ImportReport> log = a.log();
        if (json) {
          out.print('[');
          for (int i = 0; i < log.size(); i++) {
            ImportReport r = log.get(i);
            ArchivedExport e = r.export();
            out.print(i == 0 ? "\n" : ",\n");
            out.print(
                Json.write(
                    g -> {
                      g.writeStartObject();
                      g.writeNumberField("number", e.number());
                      g.writeStringField("export", e.fileName());
                      g.writeStringField("sha256", e.sha256());
                      g.writeNumberField("size", e.size());
                      Json.field(g, "account_id", e.accountId());
                      Json.field(g, "export_time", Times.utc(e.exportTime()));
                      Json.field(g, "added_at", Times.utc(e.addedAt()));
                      g.writeBooleanField("partial", e.partial());
                      g.writeNumberField("conversations", e.conversations());
                      counts(g, r);
                      g.writeEndObject();
                    }));
          }
          out.print(log.isEmpty() ? "]\n" : "\n]\n");
        } else {
          out.printf(
              "%3s  %-16s  %-16s  %6s  %s%n", "#", "EXPORT DATE", "ADDED", "CONVS", "EXPORT");
          for (ImportReport r : log) {
            ArchivedExport e = r.export();
            out.printf(
                "%3d  %-16s  %-16s  %6d  %s%n",
                e.number(),
                Times.minutes(e.exportTime(), parent.root.zone()),
                Times.minutes(e.addedAt(), parent.root.zone()),
                e.conversations(),
                text(r));
          }
        }
      }
      return ExitCodes.OK;
    }
  }

  /** {@code chatexport archive export ARCHIVE OUT}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      versionProvider = Version.class,
      header = "Write an archive out as an export: merged, or one added export as it was.",
      description = {
        "Writes the merged view as an export in the official 2026 form (a folder, or a ZIP when OUT ends in"
            + " .zip), readable by every tool that reads exports, with every asset any export had; the file "
            + ChatArchive.FACTS_FILE
            + " in it lists the exports and, per conversation, first_seen, last_seen,"
            + " deleted and deleted_since. With --as-of, writes one added export back as it was.",
        ""
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  chatexport archive export chats.sqlite merged.zip",
        "  chatexport archive export --as-of 1 chats.sqlite first-export/"
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        ExitCodes.LIST_OK,
        ExitCodes.LIST_DAMAGED,
        ExitCodes.LIST_IO,
        ExitCodes.LIST_USAGE,
        ExitCodes.LIST_INTERNAL
      })
  static final class Export extends Sub {
    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive file.")
    Path archive = Path.of("");

    @Parameters(
        index = "1",
        paramLabel = "OUT",
        description =
            "A folder (created), or a ZIP file (name ending in" + " .zip); it must not exist yet.")
    Path target = Path.of("");

    @Option(
        names = "--as-of",
        paramLabel = "EXPORT",
        description =
            "Write this added export as it was: its number in 'archive log', or its file name.")
    @org.jspecify.annotations.Nullable
    String asOf;

    @Override
    public Integer call() throws Exception {
      if (Files.exists(target)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "OUT: is in the way: " + target);
      }
      try (ChatArchive a = existing(archive)) {
        if (asOf == null) {
          a.export(target);
          note("Wrote the merged view to " + target + ".");
        } else {
          ArchivedExport chosen = choose(a.exports(), asOf);
          a.exportAsOf(chosen, target);
          note(
              "Wrote export "
                  + chosen.number()
                  + " ("
                  + chosen.fileName()
                  + ") as it was to "
                  + target
                  + ".");
        }
      }
      return ExitCodes.OK;
    }

    private ArchivedExport choose(List<ArchivedExport> exports, String which) {
      List<ArchivedExport> byName = new ArrayList<>();
      for (ArchivedExport e : exports) {
        if (which.equals(Integer.toString(e.number()))) {
          return e;
        }
        if (e.fileName().equals(which)) {
          byName.add(e);
        }
      }
      if (byName.size() == 1) {
        return byName.get(0);
      }
      if (byName.isEmpty()) {
        throw new CliException(
            "no export " + which + " in the archive (see 'chatexport archive log')",
            ExitCodes.NOT_FOUND);
      }
      throw new CliException(
          byName.size()
              + " exports are named "
              + which
              + ": give the number from"
              + " 'chatexport archive log'",
          ExitCodes.NOT_FOUND);
    }
  }
}
