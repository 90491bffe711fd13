package io.github.chatexport.core.internal.json;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;

/** JSON paths in the form {@code $[17].mapping.abc.message.content}. */
public final class JsonPaths {
  private JsonPaths() {}

  /** The path of the value the context is at. */
  public static String of(JsonStreamContext context) {
    Deque<JsonStreamContext> chain = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.push(c);
    }
    StringBuilder out = new StringBuilder("$");
    for (JsonStreamContext c : chain) {
      if (c.inArray()) {
        if (c.getCurrentIndex() >= 0) {
          out.append('[').append(c.getCurrentIndex()).append(']');
        }
      } else if (c.inObject()) {
        String name = c.getCurrentName();
        if (name != null) {
          appendKey(out, name);
        }
      }
    }
    return out.toString();
  }

  /**
   * Appends {@code .key}, or {@code ['key']} when the key is empty or holds a character that needs
   * quoting.
   */
  public static StringBuilder appendKey(StringBuilder out, String key) {
    if (plain(key)) {
      return out.append('.').append(key);
    }
    out.append("['");
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '\'' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append("']");
  }

  /** {@code base} followed by {@code key}. */
  public static String child(String base, String key) {
    return appendKey(new StringBuilder(base), key).toString();
  }

  private static boolean plain(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '.'
          || c == '['
          || c == ']'
          || c == '\''
          || c == '"'
          || Character.isWhitespace(c)
          || c < 0x20) {
        return false;
      }
    }
    return true;
  }
}
