package io.github.chatexport.cli;

import io.github.chatexport.core.ExportLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Words for the export's layout and for tallies. */
final class Describe {
  private Describe() {}

  /** {@code ZIP, conversations.json, one conversations.json (2023 to early 2026)}. */
  static String layout(ExportLayout layout) {
    StringBuilder out = new StringBuilder();
    out.append(
        switch (layout.container()) {
          case ZIP -> "ZIP";
          case FOLDER -> "folder";
          case JSON_FILE -> "JSON file";
          case HTML_FILE -> "chat.html file";
          case STREAM -> "stream";
        });
    if (layout.nested()) {
      out.append(" inside an outer archive");
    }
    if (layout.salvaged()) {
      out.append(" (salvaged: its central directory was damaged)");
    }
    int files = layout.conversationFiles().size();
    out.append(", conversations from ")
        .append(
            switch (layout.source()) {
              case MANIFEST_SHARDS ->
                  Texts.plural(files, "shard", "shards") + " listed by export_manifest.json";
              case SHARDS -> Texts.plural(files, "shard", "shards") + " (conversations-NNN.json)";
              case CONVERSATIONS_JSON -> "conversations.json";
              case CHAT_HTML -> "chat.html";
              case JSON_FILE -> "the JSON file";
              case SINGLE_CONVERSATION -> "the JSON file (one conversation object)";
            });
    out.append(", era: ").append(era(layout.era()));
    return out.toString();
  }

  static String era(ExportLayout.Era era) {
    return switch (era) {
      case FIRST_FORMAT_2023 -> "first format (spring 2023)";
      case SINGLE_FILE_2023_2026 -> "one conversations.json (2023 to early 2026)";
      case SHARDED_2026 -> "conversation shards (2026 onward)";
      case UNKNOWN -> "unknown";
    };
  }

  /**
   * {@code text 24, code 2, thoughts 1}: most frequent first, then by name; {@code none} when
   * empty.
   */
  static String tally(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "none";
    }
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(
        Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Long> e : entries) {
      parts.add(Texts.oneLine(e.getKey()) + " " + Texts.count(e.getValue()));
    }
    return String.join(", ", parts);
  }
}
