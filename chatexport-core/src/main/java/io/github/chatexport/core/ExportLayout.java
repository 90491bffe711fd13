package io.github.chatexport.core;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How an export is laid out: what was opened, where its conversations come from, and which generation of the
 * export format it looks like.
 *
 * @param container what was opened
 * @param source where the conversations come from
 * @param conversationFiles the conversation files, in reading order, relative to the export's root
 * @param nested whether the export sat inside an outer archive (the Privacy Portal form)
 * @param salvaged whether the ZIP's central directory was missing or damaged, so that its entries were read from
 *     their local headers
 * @param era the export generation it looks like
 */
public record ExportLayout(
    Container container, Source source, List<String> conversationFiles, boolean nested, boolean salvaged,
    Era era) {

  /** Checks and copies the components. */
  public ExportLayout {
    requireNonNull(container, "container");
    requireNonNull(source, "source");
    conversationFiles = List.copyOf(conversationFiles);
    requireNonNull(era, "era");
  }

  /** What was opened. */
  public enum Container {
    /** A ZIP archive. */
    ZIP,
    /** An extracted folder. */
    FOLDER,
    /** One conversations JSON file. */
    JSON_FILE,
    /** A conversations JSON stream. */
    STREAM
  }

  /** Where the conversations come from. */
  public enum Source {
    /** {@code conversations-NNN.json} shards in the order {@code export_manifest.json} lists them (2026). */
    MANIFEST_SHARDS,
    /** {@code conversations-NNN.json} shards in numeric order. */
    SHARDS,
    /** One {@code conversations.json}. */
    CONVERSATIONS_JSON,
    /** The {@code jsonData} array of {@code chat.html}. */
    CHAT_HTML,
    /** The single JSON file or stream that was opened. */
    JSON_FILE
  }

  /** The generation of the export format, as far as the layout and the first conversation tell. */
  public enum Era {
    /** The first format (spring 2023): conversations without {@code conversation_id}, messages without status. */
    FIRST_FORMAT_2023,
    /** One {@code conversations.json}, 2023 to early 2026. */
    SINGLE_FILE_2023_2026,
    /** Shards and a manifest, 2026 onward. */
    SHARDED_2026,
    /** Nothing to tell by (no conversation). */
    UNKNOWN
  }
}
