package io.github.chatexport.archive.internal;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.MessageNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The merged view of a conversation from its versions. */
public final class Merge {
  private Merge() {}

  /**
   * Merges {@code versions}, newest first. The conversation's fields, and each node's content, come
   * from the newest version that has them; the nodes are every node ever seen, in the order they
   * first appeared (oldest version first), so that a branch only older versions have stays and a
   * version that adds nothing changes nothing. When the nodes list their children (exports before
   * 2026), each node lists every child it ever listed whose parent link still points to it, then
   * any other node whose parent it is.
   */
  public static Conversation of(List<Conversation> versions) {
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("no version to merge");
    }
    Conversation newest = versions.get(0);
    if (versions.size() == 1) {
      return newest;
    }
    LinkedHashMap<String, MessageNode> nodes = new LinkedHashMap<>();
    for (int i = versions.size() - 1; i >= 0; i--) {
      for (MessageNode node : versions.get(i).nodes().values()) {
        nodes.put(node.id(), node); // a newer version's content wins; the key keeps its first place
      }
    }
    boolean listsChildren = nodes.values().stream().anyMatch(n -> !n.childIds().isEmpty());
    if (listsChildren) {
      Map<String, Set<String>> children = new LinkedHashMap<>();
      for (int i = versions.size() - 1; i >= 0; i--) {
        for (MessageNode node : versions.get(i).nodes().values()) {
          children.computeIfAbsent(node.id(), k -> new LinkedHashSet<>()).addAll(node.childIds());
        }
      }
      for (MessageNode node : nodes.values()) {
        if (node.parentId() != null && nodes.containsKey(node.parentId())) {
          children.computeIfAbsent(node.parentId(), k -> new LinkedHashSet<>()).add(node.id());
        }
      }
      for (Map.Entry<String, Set<String>> e : children.entrySet()) {
        MessageNode node = nodes.get(e.getKey());
        if (node == null) {
          continue;
        }
        List<String> list = new ArrayList<>();
        for (String child : e.getValue()) {
          MessageNode c = nodes.get(child);
          if (c == null || Objects.equals(c.parentId(), node.id())) {
            list.add(child);
          }
        }
        if (!list.equals(node.childIds())) {
          nodes.put(node.id(), node.withChildIds(list));
        }
      }
    }
    if (nodes.equals(newest.nodes())
        && List.copyOf(nodes.keySet()).equals(List.copyOf(newest.nodes().keySet()))) {
      return newest;
    }
    return newest.withNodes(nodes);
  }
}
