package io.github.chatexport.cli;

import io.github.chatexport.api.AssetReference;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.Warning;
import io.github.chatexport.core.Assets;
import io.github.chatexport.core.ExportReader;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/** {@code chatexport stats EXPORT}. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    header = "What is in the export: counts, models, dates, forks, assets, warnings.",
    description = {
      "Conversations; messages by role, content type and model (every branch); the first and last"
          + " message; conversations with forks and their branches; assets referenced, present and"
          + " missing; warnings by kind.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  chatexport stats chatgpt-export.zip",
      "  chatexport stats --zone UTC ~/Downloads/chatgpt-export/"
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      ExitCodes.LIST_OK,
      ExitCodes.LIST_DAMAGED,
      ExitCodes.LIST_IO,
      ExitCodes.LIST_USAGE,
      ExitCodes.LIST_INTERNAL
    })
final class StatsCommand extends ExportCommand {
  @Override
  public Integer call() throws Exception {
    long conversations = 0;
    long messages = 0;
    long forked = 0;
    long forkBranches = 0;
    Map<String, Long> roles = new TreeMap<>();
    Map<String, Long> contentTypes = new TreeMap<>();
    Map<String, Long> models = new TreeMap<>();
    Map<String, Long> warnings = new TreeMap<>();
    Set<String> present = new HashSet<>();
    Set<String> missing = new HashSet<>();
    Instant first = null;
    Instant last = null;
    String layout;
    long assetFiles;
    try (Input input = input(true);
        ExportReader reader = input.reader();
        Progress progress = progress()) {
      layout = Describe.layout(reader.layout());
      Assets assets = reader.assets();
      assetFiles = assets.all().size();
      try (Stream<Conversation> all = reader.conversations(progress)) {
        for (Iterator<Conversation> it = all.iterator(); it.hasNext(); ) {
          Conversation c = it.next();
          conversations++;
          for (Message m : c.messages()) {
            messages++;
            roles.merge(m.role().isEmpty() ? "(none)" : m.role(), 1L, Long::sum);
            String type = m.content().contentType();
            contentTypes.merge(type.isEmpty() ? "(none)" : type, 1L, Long::sum);
            Facts.model(c, m).ifPresent(slug -> models.merge(slug, 1L, Long::sum));
            Instant t = m.createTime();
            if (t != null) {
              first = first == null || t.isBefore(first) ? t : first;
              last = last == null || t.isAfter(last) ? t : last;
            }
          }
          if (c.hasBranches()) {
            forked++;
            forkBranches += c.branches().size();
          }
          for (Warning w : c.warnings()) {
            warnings.merge(w.kind().name(), 1L, Long::sum);
          }
          for (AssetReference ref : assets.references(c)) {
            if (ref.asset() != null) {
              present.add(ref.asset().entry());
            } else {
              // An upload's image part (file-service://file-X) and its attachment (file-X) are one
              // file.
              missing.add(ref.assetId());
            }
          }
        }
      }
      for (Warning w : reader.warnings()) {
        warnings.merge(w.kind().name(), 1L, Long::sum);
      }
    }
    PrintWriter out = out();
    row(out, "Export", Texts.oneLine(String.valueOf(export.getFileName())) + " (" + layout + ")");
    row(
        out,
        "Conversations",
        Texts.count(conversations)
            + (forked == 0
                ? ", none with forks"
                : ", "
                    + Texts.count(forked)
                    + " with forks ("
                    + Texts.plural(forkBranches, "branch", "branches")
                    + " in those)"));
    row(
        out,
        "Messages",
        Texts.count(messages) + (roles.isEmpty() ? "" : " (" + Describe.tally(roles) + ")"));
    row(out, "Content types", Describe.tally(contentTypes));
    row(out, "Models", Describe.tally(models));
    row(out, "First message", Times.minutes(first, zone()) + " (" + zone().getId() + ")");
    row(out, "Last message", Times.minutes(last, zone()));
    row(
        out,
        "Assets",
        Texts.count(present.size() + missing.size())
            + " referenced: "
            + Texts.count(present.size())
            + " present, "
            + Texts.count(missing.size())
            + " missing ("
            + Texts.plural(assetFiles, "asset file", "asset files")
            + " in the export)");
    row(out, "Warnings", Describe.tally(warnings));
    return ExitCodes.OK;
  }

  private static void row(PrintWriter out, String label, String value) {
    out.printf("%-14s %s%n", label, value);
  }
}
