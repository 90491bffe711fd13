package io.github.chatexport.api.internal;

import io.github.chatexport.api.Branch;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.MessageNode;
import io.github.chatexport.api.Warning;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * The tree of a conversation's {@code mapping}, analyzed once: parent links (authoritative, cycles
 * cut), children in branch order, roots, leaves, and the anomalies met.
 *
 * <p>Everything is iterative and linear in the number of nodes (plus sorting of unlisted siblings).
 * Node indexes follow mapping order.
 */
public final class Graph {
  private static final int NONE = -1;

  private final MessageNode[] nodes;
  private final Map<String, Integer> index;
  private final int[] parent;
  private final int[] childStart;
  private final int[] childList;
  private final int[] roots;
  private final List<Issue> issues = new ArrayList<>();
  private volatile int @Nullable [] leafOrder;

  /**
   * An anomaly of the tree.
   *
   * @param kind the warning kind
   * @param nodeId the node it concerns, or null when it concerns the conversation
   * @param field the field of that node (or of the conversation) it is about: {@code parent},
   *     {@code children}, {@code current_node}, or empty for the mapping itself
   * @param message a description without user content
   */
  public record Issue(Warning.Kind kind, @Nullable String nodeId, String field, String message) {}

  /** The graph of {@code nodes}, cached when it is a {@link NodeMap}. */
  public static Graph of(Map<String, MessageNode> nodes) {
    return nodes instanceof NodeMap n ? n.graph() : new Graph(nodes);
  }

  Graph(Map<String, MessageNode> mapping) {
    int n = mapping.size();
    nodes = mapping.values().toArray(new MessageNode[0]);
    index = new HashMap<>(n * 4 / 3 + 1);
    String[] keys = mapping.keySet().toArray(new String[0]);
    for (int i = 0; i < n; i++) {
      index.put(keys[i], i);
    }
    int[] original = new int[n];
    for (int i = 0; i < n; i++) {
      String p = nodes[i].parentId();
      Integer pi = p == null ? null : index.get(p);
      if (p != null && pi == null) {
        issues.add(
            new Issue(
                Warning.Kind.PARENT_MISSING,
                keys[i],
                "parent",
                "parent " + p + " is not in the mapping; the node is treated as a root"));
      }
      original[i] = pi == null ? NONE : pi;
    }
    parent = original.clone();

    checkChildren(keys, original);
    cutCycles(keys);

    // Children in CSR form, then each node's children put in branch order.
    int[] count = new int[n + 1];
    for (int i = 0; i < n; i++) {
      if (parent[i] != NONE) {
        count[parent[i] + 1]++;
      }
    }
    for (int i = 0; i < n; i++) {
      count[i + 1] += count[i];
    }
    childStart = count;
    childList = new int[childStart[n]];
    int[] fill = Arrays.copyOf(childStart, n);
    List<Integer> rootList = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (parent[i] == NONE) {
        rootList.add(i);
      } else {
        childList[fill[parent[i]]++] = i;
      }
    }
    BitSet placed = new BitSet(n);
    for (int p = 0; p < n; p++) {
      orderChildren(p, placed);
    }
    roots = sortBySiblingOrder(rootList.stream().mapToInt(Integer::intValue).toArray());
    if (roots.length > 1) {
      issues.add(
          new Issue(
              Warning.Kind.MULTIPLE_ROOTS,
              null,
              "mapping",
              "the mapping has " + roots.length + " roots"));
    }
  }

  private void checkChildren(String[] keys, int[] original) {
    int n = nodes.length;
    List<Issue> missing = new ArrayList<>();
    List<Issue> mismatched = new ArrayList<>();
    int[] listedBy = new int[n];
    Arrays.fill(listedBy, NONE);
    int[] childCount = new int[n];
    for (int i = 0; i < n; i++) {
      if (original[i] != NONE) {
        childCount[original[i]]++;
      }
    }
    for (int p = 0; p < n; p++) {
      MessageNode node = nodes[p];
      if (node.extras().isAbsent("children")) {
        continue;
      }
      int unknown = 0;
      boolean mismatch = false;
      int listedHere = 0;
      for (String childId : node.childIds()) {
        Integer c = index.get(childId);
        if (c == null) {
          unknown++;
        } else if (original[c] != p) {
          mismatch = true;
        } else if (listedBy[c] != p) {
          listedBy[c] = p;
          listedHere++;
        }
      }
      if (listedHere != childCount[p]) {
        mismatch = true;
      }
      if (unknown > 0) {
        missing.add(
            new Issue(
                Warning.Kind.CHILD_MISSING,
                keys[p],
                "children",
                unknown + (unknown == 1 ? " child is" : " children are") + " not in the mapping"));
      }
      if (mismatch) {
        mismatched.add(
            new Issue(
                Warning.Kind.CHILDREN_MISMATCH,
                keys[p],
                "children",
                "children disagree with the parent links; the parent links are used"));
      }
    }
    issues.addAll(missing);
    issues.addAll(mismatched);
  }

  private void cutCycles(String[] keys) {
    int n = nodes.length;
    byte[] state = new byte[n]; // 0 unvisited, 1 on the current walk, 2 done
    int[] walk = new int[n];
    int[] cycleLength = new int[n]; // per cut node; reported in mapping order below
    for (int start = 0; start < n; start++) {
      if (state[start] != 0) {
        continue;
      }
      int length = 0;
      int cur = start;
      while (cur != NONE && state[cur] == 0) {
        state[cur] = 1;
        walk[length++] = cur;
        cur = parent[cur];
      }
      if (cur != NONE && state[cur] == 1) {
        int from = 0;
        while (walk[from] != cur) {
          from++;
        }
        int cut = walk[from];
        for (int k = from + 1; k < length; k++) {
          int candidate = walk[k];
          int c = compareTime(candidate, cut);
          if (c < 0 || c == 0 && id(candidate).compareTo(id(cut)) < 0) {
            cut = candidate;
          }
        }
        parent[cut] = NONE;
        cycleLength[cut] = length - from;
      }
      for (int k = 0; k < length; k++) {
        state[walk[k]] = 2;
      }
    }
    for (int i = 0; i < n; i++) {
      if (cycleLength[i] > 0) {
        issues.add(
            new Issue(
                Warning.Kind.CYCLE,
                keys[i],
                "parent",
                "the parent links form a cycle of " + cycleLength[i] + " nodes; it is cut here"));
      }
    }
  }

  /**
   * Puts the children of {@code p} in branch order; {@code placed} is scratch space, all clear on
   * entry and exit.
   */
  private void orderChildren(int p, BitSet placed) {
    int from = childStart[p];
    int to = childStart[p + 1];
    if (to - from < 2) {
      return;
    }
    List<String> listed = nodes[p].childIds();
    int[] ordered = new int[to - from];
    int k = 0;
    for (String childId : listed) {
      Integer c = index.get(childId);
      if (c != null && parent[c] == p && !placed.get(c)) {
        placed.set(c);
        ordered[k++] = c;
      }
    }
    if (k < ordered.length) {
      int[] rest = new int[ordered.length - k];
      int r = 0;
      for (int i = from; i < to; i++) {
        if (!placed.get(childList[i])) {
          rest[r++] = childList[i];
        }
      }
      rest = sortBySiblingOrder(rest);
      System.arraycopy(rest, 0, ordered, k, rest.length);
    }
    for (int i = 0; i < k; i++) {
      placed.clear(ordered[i]);
    }
    System.arraycopy(ordered, 0, childList, from, ordered.length);
  }

  private int[] sortBySiblingOrder(int[] indexes) {
    Integer[] boxed = new Integer[indexes.length];
    for (int i = 0; i < indexes.length; i++) {
      boxed[i] = indexes[i];
    }
    Arrays.sort(
        boxed,
        (a, b) -> {
          int c = compareTime(a, b);
          return c != 0 ? c : id(a).compareTo(id(b));
        });
    int[] out = new int[indexes.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = boxed[i];
    }
    return out;
  }

  private String id(int i) {
    return nodes[i].id();
  }

  private @Nullable Instant time(int i) {
    Message m = nodes[i].message();
    return m == null ? null : m.createTime();
  }

  /** Compares creation times, null (or no message) first. */
  private int compareTime(int a, int b) {
    Instant ta = time(a);
    Instant tb = time(b);
    if (ta == null) {
      return tb == null ? 0 : -1;
    }
    return tb == null ? 1 : ta.compareTo(tb);
  }

  private int childCount(int i) {
    return childStart[i + 1] - childStart[i];
  }

  /** The number of leaves: the number of branches. */
  public int leafCount() {
    int leaves = 0;
    for (int i = 0; i < nodes.length; i++) {
      if (childCount(i) == 0) {
        leaves++;
      }
    }
    return leaves;
  }

  /**
   * The anomalies of the tree, with those about {@code currentNode} last: tree anomalies in the
   * order parent, children, cycles, roots; then {@code current_node} absent or unknown.
   */
  public List<Issue> issues(@Nullable String currentNode) {
    List<Issue> all = new ArrayList<>(issues);
    if (currentNode == null) {
      all.add(
          new Issue(
              Warning.Kind.CURRENT_NODE_MISSING,
              null,
              "current_node",
              "current_node is absent or null; the active branch ends at the most recent leaf"));
    } else if (!index.containsKey(currentNode)) {
      all.add(
          new Issue(
              Warning.Kind.CURRENT_NODE_UNKNOWN,
              null,
              "current_node",
              "current_node is not in the mapping; the active branch ends at the most recent leaf"));
    }
    return all;
  }

  /**
   * The path from the root to {@code currentNode}, or to the most recent leaf when it is null or
   * unknown.
   */
  public Branch branchTo(@Nullable String currentNode) {
    Integer target = currentNode == null ? null : index.get(currentNode);
    int leaf = target != null ? target : latestLeaf();
    return leaf == NONE ? new Branch(List.of()) : path(leaf);
  }

  private int latestLeaf() {
    int best = NONE;
    for (int i = 0; i < nodes.length; i++) {
      if (childCount(i) != 0) {
        continue;
      }
      if (best == NONE) {
        best = i;
        continue;
      }
      int c = compareTime(i, best);
      if (c > 0 || c == 0 && id(i).compareTo(id(best)) > 0) {
        best = i;
      }
    }
    return best;
  }

  private Branch path(int leaf) {
    int depth = 0;
    for (int cur = leaf; cur != NONE; cur = parent[cur]) {
      depth++;
    }
    MessageNode[] path = new MessageNode[depth];
    int k = depth;
    for (int cur = leaf; cur != NONE; cur = parent[cur]) {
      path[--k] = nodes[cur];
    }
    return new Branch(Arrays.asList(path));
  }

  /** The children of {@code nodeId} in branch order; empty for an unknown id. */
  public List<MessageNode> children(String nodeId) {
    Integer i = index.get(nodeId);
    if (i == null) {
      return List.of();
    }
    List<MessageNode> out = new ArrayList<>(childCount(i));
    for (int k = childStart[i]; k < childStart[i + 1]; k++) {
      out.add(nodes[childList[k]]);
    }
    return List.copyOf(out);
  }

  /** Every root-to-leaf path, depth first; each branch is built when asked for. */
  public List<Branch> branches() {
    int[] leaves = leaves();
    return new BranchList(leaves);
  }

  private int[] leaves() {
    int[] order = leafOrder;
    if (order != null) {
      return order;
    }
    int[] out = new int[leafCount()];
    int k = 0;
    int[] stack = new int[Math.max(1, nodes.length)];
    int top = 0;
    for (int r = roots.length - 1; r >= 0; r--) {
      stack[top++] = roots[r];
    }
    while (top > 0) {
      int cur = stack[--top];
      int from = childStart[cur];
      int to = childStart[cur + 1];
      if (from == to) {
        out[k++] = cur;
      }
      for (int c = to - 1; c >= from; c--) {
        stack[top++] = childList[c];
      }
    }
    leafOrder = out;
    return out;
  }

  private final class BranchList extends AbstractList<Branch> implements RandomAccess {
    private final int[] leaves;

    BranchList(int[] leaves) {
      this.leaves = leaves;
    }

    @Override
    public Branch get(int i) {
      return path(leaves[i]);
    }

    @Override
    public int size() {
      return leaves.length;
    }
  }
}
