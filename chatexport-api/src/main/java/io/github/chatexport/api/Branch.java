package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One root-to-leaf path through a conversation's tree: what chatgpt.com shows for one choice of
 * edits and regenerations.
 *
 * @param nodes the nodes of the path, root first, including nodes without a message
 */
public record Branch(List<MessageNode> nodes) {

  /** Copies the nodes. */
  public Branch {
    nodes = List.copyOf(nodes);
  }

  /** The messages of the path, root first; nodes without a message are skipped. */
  public List<Message> messages() {
    List<Message> out = new ArrayList<>(nodes.size());
    for (MessageNode node : nodes) {
      if (node.message() != null) {
        out.add(node.message());
      }
    }
    return out;
  }

  /**
   * The messages a person saw in the chat window, in order: see {@link Message#shownInChat()}.
   * System and context messages, tool calls, thoughts, reasoning recaps, browsing and web-page
   * messages, and anything flagged hidden are left out.
   */
  public List<Message> visibleMessages() {
    List<Message> out = new ArrayList<>();
    for (MessageNode node : nodes) {
      Message message = node.message();
      if (message != null && message.shownInChat()) {
        out.add(message);
      }
    }
    return out;
  }

  /** The last node of the path, if the path is not empty. */
  public Optional<MessageNode> leaf() {
    return nodes.isEmpty() ? Optional.empty() : Optional.of(nodes.get(nodes.size() - 1));
  }

  /** Whether the path has no node at all (an empty mapping). */
  public boolean isEmpty() {
    return nodes.isEmpty();
  }

  /** The path's node ids, root first. */
  public List<String> nodeIds() {
    List<String> ids = new ArrayList<>(nodes.size());
    for (MessageNode node : nodes) {
      ids.add(requireNonNull(node.id()));
    }
    return ids;
  }

  @Override
  public String toString() {
    return "Branch["
        + nodes.size()
        + " nodes"
        + leaf().map(l -> ", leaf " + l.id()).orElse("")
        + "]";
  }
}
