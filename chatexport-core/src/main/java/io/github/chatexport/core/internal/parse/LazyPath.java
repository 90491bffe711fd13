package io.github.chatexport.core.internal.parse;

import io.github.chatexport.core.internal.json.JsonPaths;
import org.jspecify.annotations.Nullable;

/**
 * A JSON path built only when it is needed (for a warning or an error): each step is one small
 * object, and the text is made by {@link #toString()}. Reading a conversation makes thousands of
 * paths and prints almost none.
 */
final class LazyPath {
  private final @Nullable LazyPath parent;
  private final @Nullable String key;
  private final int index;
  private final @Nullable String text;
  private final String @Nullable [] keys;

  private LazyPath(
      @Nullable LazyPath parent, @Nullable String key, int index, @Nullable String text) {
    this.parent = parent;
    this.key = key;
    this.index = index;
    this.text = text;
    this.keys = null;
  }

  private LazyPath(LazyPath parent, String[] keys) {
    this.parent = parent;
    this.key = null;
    this.index = -1;
    this.text = null;
    this.keys = keys;
  }

  /** This path followed by several keys, in one step. */
  LazyPath keys(String... keys) {
    return new LazyPath(this, keys);
  }

  /** A path given as text, such as {@code $[3]}. */
  static LazyPath of(String text) {
    return new LazyPath(null, null, -1, text);
  }

  /** This path followed by {@code .key}. */
  LazyPath key(String key) {
    return new LazyPath(this, key, -1, null);
  }

  /** This path followed by {@code [index]}. */
  LazyPath index(int index) {
    return new LazyPath(this, null, index, null);
  }

  @Override
  public String toString() {
    if (text != null) {
      return text;
    }
    StringBuilder out = new StringBuilder(parent == null ? "$" : parent.toString());
    if (keys != null) {
      for (String k : keys) {
        JsonPaths.appendKey(out, k);
      }
    } else if (key != null) {
      JsonPaths.appendKey(out, key);
    } else {
      out.append('[').append(index).append(']');
    }
    return out.toString();
  }
}
