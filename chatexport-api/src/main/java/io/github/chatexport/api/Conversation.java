package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.internal.Graph;
import io.github.chatexport.api.internal.NodeMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A conversation: its title and times, and its messages as a tree of {@link MessageNode}s.
 *
 * <p>The tree branches at every edit and regeneration; {@link #activeBranch()} is the path
 * chatgpt.com showed last (root to {@code current_node}) and {@link #branches()} gives every
 * root-to-leaf path. Both are computed from the {@code parent} links, cycle-safe and without
 * recursion, and never depend on the order of keys in {@code mapping}.
 *
 * @param id the conversation id ({@code id}, else {@code conversation_id})
 * @param conversationId the {@code conversation_id} field (absent before mid-2023), usually equal
 *     to {@code id}
 * @param title the title; null when the export has none
 * @param createTime when the conversation was created
 * @param updateTime when it was last updated
 * @param nodes the {@code mapping}: node id to node, in the order written
 * @param currentNode the id of the leaf the user last saw, as written (may be null or unknown)
 * @param defaultModelSlug the conversation's default model ({@code auto} in 2026)
 * @param gizmoId the custom GPT ({@code g-…}) or project ({@code g-p-…}) id
 * @param isArchived whether the conversation is archived
 * @param warnings what the reader found odd in this conversation; empty for conversations built by
 *     hand
 * @param extras fields of the conversation object that no component holds
 */
public record Conversation(
    String id,
    @Nullable String conversationId,
    @Nullable String title,
    @Nullable Instant createTime,
    @Nullable Instant updateTime,
    Map<String, MessageNode> nodes,
    @Nullable String currentNode,
    @Nullable String defaultModelSlug,
    @Nullable String gizmoId,
    @Nullable Boolean isArchived,
    List<Warning> warnings,
    Extras extras) {

  /** Checks and copies the components; {@code nodes} keeps its order. */
  public Conversation {
    requireNonNull(id, "id");
    nodes = NodeMap.of(nodes);
    warnings = List.copyOf(warnings);
    requireNonNull(extras, "extras");
  }

  /**
   * A conversation with the given id, title and nodes, and nothing else: the stable way to start
   * building one (then {@code with…}).
   */
  public static Conversation of(String id, @Nullable String title, List<MessageNode> nodes) {
    LinkedHashMap<String, MessageNode> map = new LinkedHashMap<>();
    for (MessageNode node : nodes) {
      map.put(node.id(), node);
    }
    return new Conversation(
        id, null, title, null, null, map, null, null, null, null, List.of(), Extras.NONE);
  }

  /**
   * The path chatgpt.com showed last: from the root to {@code current_node}. When {@code
   * current_node} is absent, null or unknown, the path ends at the leaf whose message is the most
   * recent (and {@link #warnings()} says so).
   */
  public Branch activeBranch() {
    return Graph.of(nodes).branchTo(currentNode);
  }

  /**
   * Every root-to-leaf path, depth first: roots and children ordered as the export lists them, else
   * by message creation time, then id. The list is computed lazily: holding it costs one small
   * object per leaf, and each branch is built when asked for.
   */
  public List<Branch> branches() {
    return Graph.of(nodes).branches();
  }

  /**
   * The children of a node, reconciled from {@code parent} links and {@code children} lists, in
   * branch order.
   */
  public List<MessageNode> children(String nodeId) {
    return Graph.of(nodes).children(nodeId);
  }

  /** The messages of all nodes, in mapping order (every branch, not only the active one). */
  public List<Message> messages() {
    List<Message> out = new ArrayList<>(nodes.size());
    for (MessageNode node : nodes.values()) {
      if (node.message() != null) {
        out.add(node.message());
      }
    }
    return out;
  }

  /** Whether some node has more than one child (an edit or a regeneration). */
  public boolean hasBranches() {
    return Graph.of(nodes).leafCount() > 1;
  }

  /**
   * The project the conversation belongs to: its {@code conversation_template_id} when that starts
   * with {@code g-p-} (FORMAT.md §9), else its {@code gizmo_id} when that does; empty for a
   * conversation outside any project (a custom GPT's {@code g-…} id is not a project). Project
   * names are not in the export.
   */
  public Optional<String> projectId() {
    Optional<String> template =
        extras.get("conversation_template_id").asString().filter(Conversation::isProject);
    return template.isPresent()
        ? template
        : Optional.ofNullable(gizmoId).filter(Conversation::isProject);
  }

  private static boolean isProject(String id) {
    return id.startsWith("g-p-");
  }

  /** Returns a copy with another title. */
  public Conversation withTitle(@Nullable String title) {
    return new Conversation(
        id,
        conversationId,
        title,
        createTime,
        updateTime,
        nodes,
        currentNode,
        defaultModelSlug,
        gizmoId,
        isArchived,
        warnings,
        extras.typed("title"));
  }

  /** Returns a copy with other nodes (warnings are dropped: they described the old nodes). */
  public Conversation withNodes(Map<String, MessageNode> nodes) {
    return new Conversation(
        id,
        conversationId,
        title,
        createTime,
        updateTime,
        nodes,
        currentNode,
        defaultModelSlug,
        gizmoId,
        isArchived,
        List.of(),
        extras.typed("mapping"));
  }

  /** Returns a copy with another current node. */
  public Conversation withCurrentNode(@Nullable String currentNode) {
    return new Conversation(
        id,
        conversationId,
        title,
        createTime,
        updateTime,
        nodes,
        currentNode,
        defaultModelSlug,
        gizmoId,
        isArchived,
        warnings,
        extras.typed("current_node"));
  }

  /** Returns a copy with other times. */
  public Conversation withTimes(@Nullable Instant createTime, @Nullable Instant updateTime) {
    return new Conversation(
        id,
        conversationId,
        title,
        createTime,
        updateTime,
        nodes,
        currentNode,
        defaultModelSlug,
        gizmoId,
        isArchived,
        warnings,
        extras.typed("create_time").typed("update_time"));
  }

  /** Returns a copy with other warnings. */
  public Conversation withWarnings(List<Warning> warnings) {
    return new Conversation(
        id,
        conversationId,
        title,
        createTime,
        updateTime,
        nodes,
        currentNode,
        defaultModelSlug,
        gizmoId,
        isArchived,
        warnings,
        extras);
  }

  /** Returns a copy with other extras. */
  public Conversation withExtras(Extras extras) {
    return new Conversation(
        id,
        conversationId,
        title,
        createTime,
        updateTime,
        nodes,
        currentNode,
        defaultModelSlug,
        gizmoId,
        isArchived,
        warnings,
        extras);
  }

  @Override
  public String toString() {
    return "Conversation[" + id + ", " + nodes.size() + " nodes, " + warnings.size() + " warnings]";
  }
}
