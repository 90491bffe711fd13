package io.github.chatexport.testdata;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Odd and hostile conversation files of any size, one per shape of FORMAT.md's anomalies and of the
 * reader's limits: each {@link Shape} makes a conversations JSON array whose cost for a reader
 * should grow linearly with {@code n} (the number of nodes, conversations, children, warnings or
 * characters, as the shape says). The pathological test reads them under generous timeouts; the
 * benchmark prints their per-unit cost at growing sizes.
 */
public final class HostileShapes {
  private HostileShapes() {}

  /** A shape of odd input; {@code n} is its size in the unit each one names. */
  public enum Shape {
    /**
     * A chain of {@code n} nodes, each with {@code "children": []}: n children-mismatch warnings.
     */
    CHAIN_EMPTY_CHILDREN,
    /** {@code n} nodes whose parents are all missing: n warnings and n roots. */
    MISSING_PARENTS,
    /** A chain of {@code n} nodes, each listing a child that is not in the mapping. */
    DANGLING_CHILDREN,
    /**
     * A chain of {@code n} nodes whose children lists point elsewhere (each lists the next but
     * one).
     */
    CHILDREN_DISAGREE,
    /** {@code n / 2} cycles of two nodes each. */
    SHORT_CYCLES,
    /** One cycle through all {@code n} nodes. */
    ONE_LONG_CYCLE,
    /** {@code n} roots without messages, and current_node unknown. */
    SEVERAL_ROOTS,
    /** A chain of {@code n} nodes without current_node. */
    CURRENT_NODE_MISSING,
    /** A chain of {@code n} nodes whose every typed field has the wrong JSON type. */
    TYPE_MISMATCHES,
    /** {@code n} messages of unknown content types with unknown parts. */
    UNKNOWN_CONTENT,
    /** A mapping with the same key {@code n} times, and a node with one field repeated n times. */
    DUPLICATE_KEYS,
    /**
     * {@code n} nodes each with many warnings at once (id mismatch, missing parent, dangling child,
     * mistypes).
     */
    MANY_WARNINGS,
    /** One root with {@code n} children listed in its children. */
    WIDE_NODE,
    /** {@code n} tiny conversations. */
    MANY_CONVERSATIONS,
    /** One message whose text is {@code n * 100} characters, with escapes. */
    LONG_STRING,
    /** {@code n / 100} metadata values nested 900 deep (close to the default limit of 1,000). */
    DEEP_NESTING,
    /** {@code n} nodes whose every numeric field has a huge exponent or a thousand digits. */
    HUGE_NUMBERS;

    /** The shape's name in lower case with hyphens, as files and reports name it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** The conversations JSON of {@code shape} at size {@code n}. */
  public static byte[] conversations(Shape shape, int n) {
    StringBuilder out = new StringBuilder(n * 120 + 256);
    out.append('[');
    switch (shape) {
      case CHAIN_EMPTY_CHILDREN -> chain(out, n, i -> "[]");
      case MISSING_PARENTS -> {
        open(out, "missing-parents");
        for (int i = 0; i < n; i++) {
          node(out, i, "\"gone-" + i + "\"", "[]", message(i));
        }
        close(out, "\"n" + (n - 1) + "\"");
      }
      case DANGLING_CHILDREN -> chain(out, n, i -> "[\"n" + (i + 1) + "\",\"ghost-" + i + "\"]");
      case CHILDREN_DISAGREE -> chain(out, n, i -> "[\"n" + (i + 2) + "\"]");
      case SHORT_CYCLES -> {
        open(out, "short-cycles");
        for (int i = 0; i < n; i++) {
          node(out, i, "\"n" + (i ^ 1) + "\"", "[\"n" + (i ^ 1) + "\"]", message(i));
        }
        close(out, "\"n0\"");
      }
      case ONE_LONG_CYCLE -> {
        open(out, "one-long-cycle");
        for (int i = 0; i < n; i++) {
          node(
              out, i, "\"n" + ((i + n - 1) % n) + "\"", "[\"n" + ((i + 1) % n) + "\"]", message(i));
        }
        close(out, "\"n0\"");
      }
      case SEVERAL_ROOTS -> {
        open(out, "several-roots");
        for (int i = 0; i < n; i++) {
          node(out, i, "null", "[]", "null");
        }
        close(out, "\"nowhere\"");
      }
      case CURRENT_NODE_MISSING -> {
        open(out, "current-node-missing");
        for (int i = 0; i < n; i++) {
          node(
              out,
              i,
              i == 0 ? "null" : "\"n" + (i - 1) + "\"",
              i == n - 1 ? "[]" : "[\"n" + (i + 1) + "\"]",
              message(i));
        }
        out.append("}}");
      }
      case TYPE_MISMATCHES -> {
        out.append(
            "{\"id\":7,\"title\":[1],\"create_time\":\"soon\",\"update_time\":{},\"current_node\":5,"
                + "\"default_model_slug\":false,\"gizmo_id\":{},\"is_archived\":\"yes\",\"mapping\":{");
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            out.append(',');
          }
          out.append("\"n")
              .append(i)
              .append("\":{\"id\":")
              .append(i)
              .append(",\"parent\":")
              .append(i == 0 ? "null" : "[\"n" + (i - 1) + "\"]")
              .append(",\"children\":{\"a\":1},\"message\":{")
              .append(
                  "\"id\":true,\"author\":{\"role\":1,\"name\":[],\"metadata\":3},\"create_time\":\"x\",")
              .append("\"update_time\":[],\"content\":{\"content_type\":\"text\",\"parts\":\"p\"},")
              .append(
                  "\"status\":1,\"end_turn\":\"no\",\"weight\":\"heavy\",\"metadata\":[],\"recipient\":2,")
              .append("\"channel\":{}}}");
        }
        out.append("}}");
      }
      case UNKNOWN_CONTENT ->
          chain(
              out,
              n,
              i -> i == n - 1 ? "[]" : "[\"n" + (i + 1) + "\"]",
              i ->
                  "{\"id\":\"m"
                      + i
                      + "\",\"author\":{\"role\":\"tool"
                      + (i % 7)
                      + "\"},\"content\":{\"content_type\":"
                      + (i % 2 == 0
                          ? "\"future_type_" + (i % 13) + "\",\"payload\":{\"k\":[" + i + "]}"
                          : "\"multimodal_text\",\"parts\":[{\"content_type\":\"hologram_"
                              + (i % 5)
                              + "\",\"x\":1},"
                              + "null,7,[\"a\"]]")
                      + "}}");
      case DUPLICATE_KEYS -> {
        open(out, "duplicate-keys");
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            out.append(',');
          }
          out.append("\"same\":{\"message\":null,\"parent\":null,\"children\":[]}");
        }
        out.append(",\"dup\":{\"parent\":null");
        for (int i = 0; i < n; i++) {
          out.append(",\"x\":").append(i).append(",\"children\":[]");
        }
        out.append(",\"message\":{\"metadata\":{");
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            out.append(',');
          }
          out.append("\"k").append(i % 50).append("\":").append(i);
        }
        out.append("}}}");
        close(out, "\"same\"");
      }
      case MANY_WARNINGS -> {
        open(out, "many-warnings");
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            out.append(',');
          }
          out.append("\"n")
              .append(i)
              .append("\":{\"id\":\"other")
              .append(i)
              .append("\",\"parent\":\"gone")
              .append(i)
              .append("\",\"children\":[\"ghost")
              .append(i)
              .append("\",\"n")
              .append((i + 1) % n)
              .append("\"],\"message\":{\"id\":\"m")
              .append(i)
              .append("\",\"create_time\":\"x\",\"weight\":[],")
              .append("\"content\":{\"content_type\":\"text\",\"parts\":[1]}}}");
        }
        close(out, "\"ghost\"");
      }
      case WIDE_NODE -> {
        open(out, "wide-node");
        out.append("\"root\":{\"message\":null,\"parent\":null,\"children\":[");
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            out.append(',');
          }
          out.append("\"n").append(n - 1 - i).append('"');
        }
        out.append("]}");
        for (int i = 0; i < n; i++) {
          out.append(",\"n")
              .append(i)
              .append("\":{\"parent\":\"root\",\"children\":[],\"message\":")
              .append(message(i))
              .append('}');
        }
        close(out, "\"n0\"");
      }
      case MANY_CONVERSATIONS -> {
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            out.append(',');
          }
          out.append("{\"id\":\"c")
              .append(i)
              .append("\",\"mapping\":{\"r\":{\"parent\":null,\"children\":[]}},")
              .append("\"current_node\":\"r\"}");
        }
      }
      case LONG_STRING -> {
        open(out, "long-string");
        out.append(
            "\"n0\":{\"parent\":null,\"children\":[],\"message\":{\"id\":\"m\",\"author\":{\"role\":"
                + "\"user\"},\"content\":{\"content_type\":\"text\",\"parts\":[\"");
        for (int i = 0; i < n; i++) {
          out.append(
              "plain text \\\" \\\\ \\n \\u00e9 \\ud83d\\ude00 and more, up to one hundred characters..");
        }
        out.append("\"]}}}");
        close(out, "\"n0\"");
      }
      case DEEP_NESTING -> {
        int deep = Math.max(1, n / 100);
        chain(
            out,
            deep,
            i -> i == deep - 1 ? "[]" : "[\"n" + (i + 1) + "\"]",
            i ->
                "{\"id\":\"m"
                    + i
                    + "\",\"author\":{\"role\":\"user\"},\"content\":{\"content_type\":\"text\","
                    + "\"parts\":[\"x\"]},\"metadata\":{\"deep\":"
                    + "[{\"a\":".repeat(450)
                    + "1"
                    + "}]".repeat(450)
                    + "}}");
      }
      case HUGE_NUMBERS -> {
        String digits = "9".repeat(990);
        chain(
            out,
            n,
            i -> i == n - 1 ? "[]" : "[\"n" + (i + 1) + "\"]",
            i ->
                "{\"id\":\"m"
                    + i
                    + "\",\"author\":{\"role\":\"assistant\"},\"create_time\":"
                    + (i % 3 == 0 ? "1.51E72703000" : i % 3 == 1 ? "-1e-999999999" : digits + ".5")
                    + ",\"update_time\":"
                    + (i % 2 == 0 ? digits : "1E999999999")
                    + ",\"weight\":"
                    + (i % 2 == 0 ? "1E-999999999" : digits)
                    + ",\"content\":{\"content_type\":\"multimodal_text\",\"parts\":[{\"content_type\":"
                    + "\"image_asset_pointer\",\"asset_pointer\":\"file-service://file-x\",\"size_bytes\":1E999999,"
                    + "\"width\":"
                    + digits
                    + ",\"height\":-1E-99999,\"fovea\":1.5E400000}]},\"metadata\":{"
                    + "\"finished_duration_sec\":1E999999999,\"n\":"
                    + digits
                    + "e99999999}}");
      }
      default -> throw new IllegalArgumentException(shape.toString());
    }
    out.append(']');
    return out.toString().getBytes(UTF_8);
  }

  /** A chat.html page whose {@code jsonData} is {@code conversationsJson}. */
  public static byte[] chatHtml(byte[] conversationsJson) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(conversationsJson.length + 200);
    out.writeBytes(
        ("<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>ChatGPT Data Export</title></head>"
                + "<body><div id=\"root\"></div>\n<script>\nvar jsonData = ")
            .getBytes(UTF_8));
    out.writeBytes(conversationsJson);
    out.writeBytes(";\n</script></body></html>\n".getBytes(UTF_8));
    return out.toByteArray();
  }

  /** A ZIP export holding {@code conversationsJson} as its {@code conversations.json}. */
  public static byte[] zip(byte[] conversationsJson) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(conversationsJson.length / 4 + 200);
    try (ZipOutputStream out = new ZipOutputStream(bytes, UTF_8)) {
      out.putNextEntry(new ZipEntry("conversations.json"));
      out.write(conversationsJson);
      out.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String message(int i) {
    return "{\"id\":\"m"
        + i
        + "\",\"author\":{\"role\":\""
        + (i % 2 == 0 ? "user" : "assistant")
        + "\"},"
        + "\"create_time\":"
        + (1700000000 + i)
        + ".25,\"content\":{\"content_type\":\"text\",\"parts\":[\"hello "
        + i
        + "\"]},\"weight\":1.0,\"metadata\":{}}";
  }

  private static void open(StringBuilder out, String id) {
    out.append("{\"id\":\"")
        .append(id)
        .append("\",\"title\":\"")
        .append(id)
        .append("\",\"create_time\":1700000000.5,")
        .append("\"mapping\":{");
  }

  private static void close(StringBuilder out, String currentNode) {
    out.append("},\"current_node\":").append(currentNode).append('}');
  }

  private static void node(
      StringBuilder out, int i, String parent, String children, String message) {
    if (i > 0) {
      out.append(',');
    }
    out.append("\"n")
        .append(i)
        .append("\":{\"id\":\"n")
        .append(i)
        .append("\",\"message\":")
        .append(message)
        .append(",\"parent\":")
        .append(parent)
        .append(",\"children\":")
        .append(children)
        .append('}');
  }

  private static void chain(StringBuilder out, int n, IntFunction<String> children) {
    chain(out, n, children, HostileShapes::message);
  }

  private static void chain(
      StringBuilder out, int n, IntFunction<String> children, IntFunction<String> message) {
    open(out, "chain");
    for (int i = 0; i < n; i++) {
      node(out, i, i == 0 ? "null" : "\"n" + (i - 1) + "\"", children.apply(i), message.apply(i));
    }
    close(out, "\"n" + (n - 1) + "\"");
  }
}
