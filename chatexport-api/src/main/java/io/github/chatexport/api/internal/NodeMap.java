package io.github.chatexport.api.internal;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.MessageNode;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The unmodifiable, ordered {@code mapping} of a conversation, which also caches the conversation's
 * {@link Graph} so that the tree is analyzed once however often branches are asked for.
 */
public final class NodeMap extends AbstractMap<String, MessageNode> {
  private final Map<String, MessageNode> map;
  private volatile @Nullable Graph graph;

  @SuppressWarnings("NonApiType") // the type says it: an insertion-ordered map is handed over
  private NodeMap(LinkedHashMap<String, MessageNode> map) {
    this.map = Collections.unmodifiableMap(map);
  }

  /** Returns {@code nodes} if it is a node map, else an ordered copy of it. */
  public static NodeMap of(Map<String, MessageNode> nodes) {
    if (nodes instanceof NodeMap n) {
      return n;
    }
    LinkedHashMap<String, MessageNode> copy = new LinkedHashMap<>(nodes.size() * 4 / 3 + 1);
    for (Map.Entry<String, MessageNode> e : nodes.entrySet()) {
      copy.put(requireNonNull(e.getKey(), "key"), requireNonNull(e.getValue(), "node"));
    }
    return new NodeMap(copy);
  }

  /** Takes ownership of {@code nodes}: the caller must not keep or change it afterwards. */
  @SuppressWarnings("NonApiType") // the type says it: an insertion-ordered map is handed over
  public static NodeMap adopt(LinkedHashMap<String, MessageNode> nodes) {
    return new NodeMap(nodes);
  }

  Graph graph() {
    Graph g = graph;
    if (g == null) {
      g = new Graph(this);
      graph = g;
    }
    return g;
  }

  @Override
  public Set<Entry<String, MessageNode>> entrySet() {
    return map.entrySet();
  }

  @Override
  public @Nullable MessageNode get(@Nullable Object key) {
    return map.get(key);
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return map.containsKey(key);
  }

  @Override
  public int size() {
    return map.size();
  }
}
