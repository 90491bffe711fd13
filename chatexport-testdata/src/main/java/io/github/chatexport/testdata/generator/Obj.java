package io.github.chatexport.testdata.generator;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object under construction, members in insertion order. Values are {@code null}, {@link
 * String}, {@link Boolean}, {@link Integer}, {@link Long}, {@link Num}, {@link List} or {@link
 * Obj}. One conversation is built as such a tree, written, and dropped.
 */
final class Obj {
  final ArrayList<String> keys = new ArrayList<>(12);
  final ArrayList<@Nullable Object> values = new ArrayList<>(12);

  /**
   * Sets {@code key}: a key already there keeps its place and gets the new value (JSON has no
   * duplicate keys).
   */
  Obj put(String key, @Nullable Object value) {
    int i = keys.indexOf(key);
    if (i >= 0) {
      values.set(i, value);
      return this;
    }
    keys.add(key);
    values.add(value);
    return this;
  }

  @Nullable Object get(String key) {
    int i = keys.indexOf(key);
    return i < 0 ? null : values.get(i);
  }

  int size() {
    return keys.size();
  }

  static List<@Nullable Object> list(@Nullable Object... values) {
    List<@Nullable Object> out = new ArrayList<>(values.length);
    for (Object v : values) {
      out.add(v);
    }
    return out;
  }

  /** A JSON number written exactly as {@code text} (so that {@code 1.0} stays {@code 1.0}). */
  record Num(String text) {}
}
