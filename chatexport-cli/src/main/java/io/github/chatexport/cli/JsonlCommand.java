package io.github.chatexport.cli;

import io.github.chatexport.api.Author;
import io.github.chatexport.api.Content;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.core.ExportWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chatexport jsonl EXPORT}. */
@Command(
    name = "jsonl",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    header = "One JSON line per conversation: chat fine-tuning shape, or --full.",
    description = {
      "By default, the active branch in the chat fine-tuning shape,"
          + " {\"messages\":[{\"role\":\"user\",\"content\":\"…\"},…]}, with the visible text only: no"
          + " system, context, tool or reasoning messages, citation marks removed, consecutive messages of"
          + " one role joined. Conversations without text are skipped.",
      "",
      "With --full, each conversation whole, in the export's own JSON as the library's ExportWriter"
          + " writes it (every node, branch and field).",
      "",
      "Lines are UTF-8 and end with \\n.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  chatexport jsonl chatgpt-export.zip > chats.jsonl",
      "  chatexport jsonl --full -o all.jsonl chatgpt-export.zip",
      "  chatexport jsonl --full chatgpt-export.zip | jq -r .title"
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      ExitCodes.LIST_OK,
      ExitCodes.LIST_DAMAGED,
      ExitCodes.LIST_IO,
      ExitCodes.LIST_USAGE,
      ExitCodes.LIST_INTERNAL
    })
final class JsonlCommand extends ExportCommand {
  @Option(names = "--full", description = "Whole conversations in the export's own JSON.")
  boolean full;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE (created or replaced) instead of standard output.")
  @Nullable Path output;

  @Override
  public Integer call() throws Exception {
    long written = 0;
    long skipped = 0;
    try (Input input = input(false);
        ExportReader reader = input.reader()) {
      Path file = output;
      PrintWriter lines =
          file == null
              ? out()
              : new PrintWriter(
                  new BufferedWriter(
                      new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
                      1 << 16));
      try (Progress progress = progress();
          Stream<Conversation> all = reader.conversations(progress)) {
        for (Iterator<Conversation> it = all.iterator(); it.hasNext(); ) {
          Conversation c = it.next();
          String line = full ? exportJson(c) : chat(c);
          if (line == null) {
            skipped++;
            continue;
          }
          lines.print(line);
          lines.print('\n');
          written++;
        }
      } finally {
        if (file == null) {
          lines.flush();
        } else {
          lines.close();
        }
      }
      if (file != null && lines.checkError()) {
        throw new IOException("could not write " + file);
      }
    }
    note(
        Texts.plural(written, "line", "lines")
            + " written"
            + (skipped == 0
                ? ""
                : ", "
                    + Texts.plural(skipped, "conversation", "conversations")
                    + " without text skipped")
            + ".");
    return ExitCodes.OK;
  }

  /** The conversation in the export's own JSON, on one line. */
  static String exportJson(Conversation c) {
    return ExportWriter.toJson(c);
  }

  private record Turn(String role, StringBuilder content) {}

  /** The active branch's visible text as {@code {"messages":[…]}}, or null when it has none. */
  static @Nullable String chat(Conversation c) {
    List<Turn> turns = new ArrayList<>();
    for (Message m : c.activeBranch().visibleMessages()) {
      String role = m.role();
      if (!role.equals(Author.USER) && !role.equals(Author.ASSISTANT)) {
        continue;
      }
      String text = text(m).strip();
      if (text.isEmpty()) {
        continue;
      }
      Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
      if (last != null && last.role().equals(role)) {
        last.content().append("\n\n").append(text);
      } else {
        turns.add(new Turn(role, new StringBuilder(text)));
      }
    }
    if (turns.isEmpty()) {
      return null;
    }
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("messages");
          for (Turn t : turns) {
            g.writeStartObject();
            g.writeStringField("role", t.role());
            g.writeStringField("content", t.content().toString());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  private static String text(Message m) {
    if (m.content() instanceof Content.Code code) {
      return Fences.block(code.text(), code.language());
    }
    return Citations.apply(m, m.text(), null, numbers -> "");
  }
}
