package io.github.chatexport.core;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How an export is laid out: what was opened, where its conversations come from, and which
 * generation of the export format it looks like.
 *
 * @param container what was opened
 * @param source where the conversations come from
 * @param conversationFiles the conversation files, in reading order, relative to the export's root
 * @param nested whether the export sat inside an outer archive (the Privacy Portal form)
 * @param salvaged whether the ZIP's central directory was missing or damaged, so that its entries
 *     were read from their local headers
 * @param era the export generation it looks like
 */
public record ExportLayout(
    Container container,
    Source source,
    List<String> conversationFiles,
    boolean nested,
    boolean salvaged,
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
    /** A lone {@code chat.html}, read like a folder that holds only it. */
    HTML_FILE,
    /** A conversations JSON stream. */
    STREAM
  }

  /** Where the conversations come from. */
  public enum Source {
    /**
     * {@code conversations-NNN.json} shards in the order {@code export_manifest.json} lists them
     * (2026).
     */
    MANIFEST_SHARDS,
    /** {@code conversations-NNN.json} shards in numeric order. */
    SHARDS,
    /** One {@code conversations.json}. */
    CONVERSATIONS_JSON,
    /** The {@code jsonData} array of {@code chat.html}. */
    CHAT_HTML,
    /** The single JSON file or stream that was opened: an array of conversations. */
    JSON_FILE,
    /**
     * The single JSON file or stream that was opened, whose top level is one conversation object
     * rather than an array: how browser exporters and userscripts save one conversation.
     */
    SINGLE_CONVERSATION
  }

  /**
   * The generation of the export format, as far as evidence tells: the files of the export and its
   * first conversation. Where the evidence is missing or mixed, the era is {@link #UNKNOWN} rather
   * than a guess.
   */
  public enum Era {
    /**
     * The first format (spring 2023): the first conversation has no {@code conversation_id}, was
     * created before July 2023, and its messages have no {@code status}.
     */
    FIRST_FORMAT_2023,
    /**
     * One {@code conversations.json} (or its {@code chat.html}), 2023 to early 2026, with a first
     * conversation of the later 2023 format ({@code conversation_id} present).
     */
    SINGLE_FILE_2023_2026,
    /**
     * {@code conversations-NNN.json} shards, 2026 onward (with or without {@code
     * export_manifest.json}).
     */
    SHARDED_2026,
    /**
     * Nothing to tell by: no conversation, a file of another name, or evidence that does not agree.
     */
    UNKNOWN
  }
}
