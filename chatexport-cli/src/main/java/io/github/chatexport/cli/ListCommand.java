package io.github.chatexport.cli;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ExportReader;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chatexport list EXPORT}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    header = "One line per conversation, with filters; --json for tools.",
    description = {
      "One line per conversation, in the export's order: id, created, updated, messages (the visible"
          + " ones of the active branch) and title. Filters combine (all must hold).",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  chatexport list chatgpt-export.zip",
      "  chatexport list --since 2025-01-01 --until 2025-03-31 chatgpt-export.zip",
      "  chatexport list --title lisbon --model gpt-4o chatgpt-export.zip",
      "  chatexport list --json chatgpt-export.zip | jq -r '.[].id'"
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      ExitCodes.LIST_OK,
      ExitCodes.LIST_DAMAGED,
      ExitCodes.LIST_IO,
      ExitCodes.LIST_USAGE,
      ExitCodes.LIST_INTERNAL
    })
final class ListCommand extends ExportCommand {
  @Option(
      names = "--since",
      paramLabel = "TIME",
      description =
          "Only conversations updated at or after TIME: 2025-01-31, 2025-01-31T18:00 (both in --zone)"
              + " or 2025-01-31T17:00Z.")
  @Nullable String since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description =
          "Only conversations created at or before TIME (a date includes that whole day).")
  @Nullable String until;

  @Option(
      names = "--title",
      paramLabel = "TEXT",
      description = "Only conversations whose title contains TEXT (ignoring case).")
  @Nullable String title;

  @Option(
      names = "--model",
      paramLabel = "SLUG",
      description =
          "Only conversations where SLUG (such as gpt-4o or o3) answered at least once, in any branch.")
  @Nullable String model;

  @Option(
      names = "--json",
      description =
          "A JSON array, one conversation object per line: id, title, created and updated (UTC"
              + " ISO-8601), messages, branches, models; from an archive also first_seen and last_seen (export file"
              + " names) and deleted.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Instant from = since == null ? null : bound(since, false, "--since");
    Instant to = until == null ? null : bound(until, true, "--until");
    String needle = title == null ? null : title.toLowerCase(Locale.ROOT);
    PrintWriter out = out();
    long shown = 0;
    long total = 0;
    try (Input input = input(false);
        ExportReader reader = input.reader();
        Progress progress = progress();
        Stream<Conversation> all = reader.conversations(progress)) {
      if (json) {
        out.print('[');
      } else {
        out.printf("%-36s  %-16s  %-16s  %5s  %s%n", "ID", "CREATED", "UPDATED", "MSGS", "TITLE");
      }
      for (Iterator<Conversation> it = all.iterator(); it.hasNext(); ) {
        Conversation c = it.next();
        total++;
        Instant created = Facts.created(c);
        Instant updated = Facts.updated(c);
        if (from != null && (updated == null || updated.isBefore(from))) {
          continue;
        }
        if (to != null && (created == null || !created.isBefore(to))) {
          continue;
        }
        if (needle != null
            && (c.title() == null || !c.title().toLowerCase(Locale.ROOT).contains(needle))) {
          continue;
        }
        Set<String> models = Facts.models(c);
        if (model != null && models.stream().noneMatch(model::equalsIgnoreCase)) {
          continue;
        }
        int messages = c.activeBranch().visibleMessages().size();
        if (json) {
          out.print(shown == 0 ? "\n" : ",\n");
          out.print(
              Json.write(
                  g -> {
                    g.writeStartObject();
                    Json.field(g, "id", c.id().isEmpty() ? null : c.id());
                    Json.field(g, "title", c.title());
                    Json.field(g, "created", Times.utc(created));
                    Json.field(g, "updated", Times.utc(updated));
                    g.writeNumberField("messages", messages);
                    g.writeNumberField("branches", c.branches().size());
                    g.writeArrayFieldStart("models");
                    for (String slug : models) {
                      g.writeString(slug);
                    }
                    g.writeEndArray();
                    if (input.isArchive()) {
                      Input.Facts facts = input.facts(c.id()).orElse(null);
                      Json.field(g, "first_seen", facts == null ? null : facts.firstSeen());
                      Json.field(g, "last_seen", facts == null ? null : facts.lastSeen());
                      g.writeBooleanField("deleted", facts != null && facts.deleted());
                    }
                    g.writeEndObject();
                  }));
        } else {
          out.printf(
              "%-36s  %-16s  %-16s  %5d  %s%n",
              Texts.id(c),
              Times.minutes(created, zone()),
              Times.minutes(updated, zone()),
              messages,
              Texts.title(c));
        }
        shown++;
      }
      if (json) {
        out.print(shown == 0 ? "]\n" : "\n]\n");
      }
    }
    if (from != null || to != null || needle != null || model != null) {
      note(
          Texts.count(shown)
              + " of "
              + Texts.plural(total, "conversation", "conversations")
              + " match.");
    }
    return ExitCodes.OK;
  }

  private Instant bound(String text, boolean endOfDay, String option) {
    try {
      return Times.bound(text, zone(), endOfDay);
    } catch (IllegalArgumentException e) {
      throw usage(option + ": " + e.getMessage());
    }
  }
}
