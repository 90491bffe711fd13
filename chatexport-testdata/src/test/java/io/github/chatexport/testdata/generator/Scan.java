package io.github.chatexport.testdata.generator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a generated conversations array with a jackson-core streaming parser (never with
 * chatexport's reader, which the generator exists to test), one conversation at a time, and
 * collects what the tests check.
 */
final class Scan {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** A JSON number as written. */
  record Num(String text, boolean integer) {}

  int conversations;
  int forked;
  int minNodes = Integer.MAX_VALUE;
  int maxNodes;
  long nodes;
  long metadataBytes;
  long bytes;
  final Map<String, Integer> contentTypes = new TreeMap<>();
  final List<Map<String, @Nullable Object>> sample = new ArrayList<>();
  private final StringBuilder characters = new StringBuilder();

  /**
   * Scans the array of {@code in}; {@code each} sees every conversation as a tree of maps, lists
   * and values.
   */
  static Scan of(InputStream in, Consumer<Map<String, @Nullable Object>> each) throws IOException {
    Scan scan = new Scan();
    try (JsonParser p = FACTORY.createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("not an array");
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> conversation = (Map<String, @Nullable Object>) scan.read(p);
        scan.conversation(conversation);
        each.accept(conversation);
      }
      if (p.currentToken() != JsonToken.END_ARRAY || p.nextToken() != null) {
        throw new IOException("content after the array");
      }
      scan.bytes = p.currentLocation().getByteOffset();
    }
    return scan;
  }

  static Scan of(InputStream in) throws IOException {
    return of(in, c -> {});
  }

  /** Whether some string of the export contains {@code s}. */
  boolean contains(String s) {
    return characters.indexOf(s) >= 0;
  }

  private @Nullable Object read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          long start = p.currentTokenLocation().getByteOffset();
          Map<String, @Nullable Object> members = new LinkedHashMap<>();
          for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            long valueStart = p.currentTokenLocation().getByteOffset();
            members.put(name, read(p));
            if (name.equals("metadata") && members.containsKey("author")) {
              metadataBytes += p.currentLocation().getByteOffset() - valueStart;
            }
          }
          members.put("$bytes", p.currentLocation().getByteOffset() - start);
          return members;
        }
      case START_ARRAY:
        {
          List<@Nullable Object> elements = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            elements.add(read(p));
          }
          return elements;
        }
      case VALUE_STRING:
        {
          String s = p.getText();
          if (characters.length() < 4_000_000) {
            characters.append(s).append('\u0000');
          }
          return s;
        }
      case VALUE_NUMBER_INT:
        return new Num(p.getText(), true);
      case VALUE_NUMBER_FLOAT:
        return new Num(p.getText(), false);
      case VALUE_TRUE:
        return true;
      case VALUE_FALSE:
        return false;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected " + t);
    }
  }

  @SuppressWarnings("unchecked")
  private void conversation(Map<String, @Nullable Object> c) {
    conversations++;
    if (sample.size() < 50) {
      sample.add(c);
    }
    Map<String, @Nullable Object> mapping = (Map<String, @Nullable Object>) c.get("mapping");
    int n = 0;
    Map<Object, Integer> children = new HashMap<>();
    for (Map.Entry<String, @Nullable Object> e : mapping.entrySet()) {
      if (e.getKey().equals("$bytes")) {
        continue;
      }
      n++;
      Map<String, @Nullable Object> node = (Map<String, @Nullable Object>) e.getValue();
      Object parent = node.get("parent");
      if (parent != null) {
        children.merge(parent, 1, Integer::sum);
      }
      Map<String, @Nullable Object> message = (Map<String, @Nullable Object>) node.get("message");
      if (message != null) {
        Map<String, @Nullable Object> content =
            (Map<String, @Nullable Object>) message.get("content");
        contentTypes.merge((String) content.get("content_type"), 1, Integer::sum);
        if (content.get("parts") instanceof List<?> parts) {
          for (Object part : parts) {
            if (part instanceof Map<?, ?> m) {
              contentTypes.merge("part:" + m.get("content_type"), 1, Integer::sum);
            }
          }
        }
      }
    }
    if (children.values().stream().anyMatch(k -> k > 1)) {
      forked++;
    }
    nodes += n;
    minNodes = Math.min(minNodes, n);
    maxNodes = Math.max(maxNodes, n);
  }

  /**
   * Every object of a tree, depth first (the tree's own maps, with their {@code $bytes} member).
   */
  @SuppressWarnings("unchecked")
  static void objects(@Nullable Object tree, Consumer<Map<String, @Nullable Object>> each) {
    if (tree instanceof Map<?, ?> m) {
      each.accept((Map<String, @Nullable Object>) m);
      for (Object v : m.values()) {
        objects(v, each);
      }
    } else if (tree instanceof List<?> l) {
      for (Object v : l) {
        objects(v, each);
      }
    }
  }

  /** The keys of an object as written (without the scan's {@code $bytes}). */
  static List<String> keys(Map<String, @Nullable Object> object) {
    List<String> keys = new ArrayList<>(object.keySet());
    keys.remove("$bytes");
    return keys;
  }
}
