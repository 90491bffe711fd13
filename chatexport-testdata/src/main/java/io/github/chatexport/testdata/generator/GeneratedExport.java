package io.github.chatexport.testdata.generator;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link ExportGenerator} wrote: the truth a test can check a reader against.
 *
 * @param files the files written, as names relative to the export's root (or the one file's name),
 *     in the order written
 * @param conversations how many conversations
 * @param forkedConversations how many have a node with more than one child (an edit or a
 *     regeneration)
 * @param nodes how many mapping nodes, in all conversations
 * @param conversationBytes the size of the conversation files (uncompressed), in bytes
 * @param contentTypes how many messages have each {@code content_type}; also {@code part:<kind>}
 *     for the parts of {@code multimodal_text} and {@code meta:<key>} for the metadata lists {@code
 *     content_references} and {@code search_result_groups}; sorted by name
 */
public record GeneratedExport(
    List<String> files,
    int conversations,
    int forkedConversations,
    long nodes,
    long conversationBytes,
    Map<String, Long> contentTypes) {
  /** Checks and copies the components. */
  public GeneratedExport {
    files = List.copyOf(files);
    contentTypes =
        Collections.unmodifiableMap(new TreeMap<>(requireNonNull(contentTypes, "contentTypes")));
  }
}
