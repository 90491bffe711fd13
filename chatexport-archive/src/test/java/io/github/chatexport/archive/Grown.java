package io.github.chatexport.archive;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.MessageNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Conversations grown by a message, as a later export of a growing account has them. */
final class Grown {
  private Grown() {}

  /**
   * {@code c} with a node {@code id} after its active branch's leaf, made current, holding {@code
   * message} applied to the leaf's message (listed among the leaf's children when the nodes list
   * theirs); {@code c} itself when its leaf has no message.
   */
  static Conversation afterLeaf(Conversation c, String id, UnaryOperator<Message> message) {
    MessageNode leaf = c.activeBranch().leaf().orElse(null);
    Message last = leaf == null ? null : leaf.message();
    if (leaf == null || last == null) {
      return c;
    }
    Map<String, MessageNode> nodes = new LinkedHashMap<>(c.nodes());
    if (nodes.values().stream().anyMatch(node -> !node.childIds().isEmpty())) {
      List<String> children = new ArrayList<>(leaf.childIds());
      children.add(id);
      nodes.put(leaf.id(), leaf.withChildIds(children));
    }
    nodes.put(id, MessageNode.of(id, message.apply(last), leaf.id()));
    return c.withNodes(nodes).withCurrentNode(id);
  }
}
