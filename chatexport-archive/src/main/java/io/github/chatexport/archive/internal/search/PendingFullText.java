package io.github.chatexport.archive.internal.search;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * During an add, with the FTS5 insert trigger suspended ({@link SearchTables#suspendFullText}): the
 * rows of {@code search_texts} written and not yet put into the FTS5 tables, as ranges of rowids,
 * and the conversations indexed since the last {@link SearchTables#catchUpFullText}. A conversation
 * indexed a second time must be caught up first: its re-index deletes or keeps texts that the FTS5
 * tables must then hold.
 */
public final class PendingFullText {
  private final Set<String> conversations = new HashSet<>();

  /** Pairs of rowids (first, last), in the order written; merged when they touch. */
  private long[] ranges = new long[16];

  private int size;

  /**
   * Records that the conversation {@code id} is about to be indexed; false when it already was
   * since the last catch-up (then catch up first, and record it again).
   */
  public boolean add(String id) {
    return conversations.add(id);
  }

  /** Records a row written into {@code search_texts} that the FTS5 tables do not hold yet. */
  void written(long rowid) {
    if (size > 0 && ranges[size - 1] + 1 == rowid) {
      ranges[size - 1] = rowid;
      return;
    }
    if (size + 2 > ranges.length) {
      ranges = Arrays.copyOf(ranges, ranges.length * 2);
    }
    ranges[size++] = rowid;
    ranges[size++] = rowid;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /**
   * The ranges as a JSON array of {@code [first, last]} pairs in ascending order, touching ranges
   * merged (the rows written by one add never overlap: each is written once between catch-ups).
   */
  String json() {
    long[][] pairs = new long[size / 2][];
    for (int i = 0; i < size; i += 2) {
      pairs[i / 2] = new long[] {ranges[i], ranges[i + 1]};
    }
    Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
    StringBuilder out = new StringBuilder("[");
    long first = 0;
    long last = 0;
    boolean open = false;
    for (long[] p : pairs) {
      if (open && p[0] <= last + 1) {
        last = Math.max(last, p[1]);
        continue;
      }
      if (open) {
        append(out, first, last);
      }
      first = p[0];
      last = p[1];
      open = true;
    }
    if (open) {
      append(out, first, last);
    }
    return out.append(']').toString();
  }

  private static void append(StringBuilder out, long first, long last) {
    if (out.length() > 1) {
      out.append(',');
    }
    out.append('[').append(first).append(',').append(last).append(']');
  }

  /** Forgets everything recorded: after a catch-up. */
  void clear() {
    conversations.clear();
    size = 0;
  }
}
