package io.github.chatexport.testdata.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@link Obj} trees with a jackson-core {@link JsonGenerator}: keys in insertion order or
 * sorted (2026), strings as UTF-8 or, for conversations that use it, with every non-ASCII character
 * escaped as {@code \}{@code uXXXX} (what Python's {@code json.dumps} does by default).
 */
final class TreeWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private TreeWriter() {}

  static void write(JsonGenerator g, @Nullable Object v, boolean sorted, boolean ascii)
      throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      if (ascii && !isAscii(s)) {
        g.writeRawValue(asciiLiteral(s));
      } else {
        g.writeString(s);
      }
    } else if (v instanceof Obj o) {
      g.writeStartObject();
      int n = o.size();
      if (sorted && n > 1) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
          order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(o.keys::get));
        for (int i : order) {
          g.writeFieldName(o.keys.get(i));
          write(g, o.values.get(i), true, ascii);
        }
      } else {
        for (int i = 0; i < n; i++) {
          g.writeFieldName(o.keys.get(i));
          write(g, o.values.get(i), sorted, ascii);
        }
      }
      g.writeEndObject();
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object e : list) {
        write(g, e, sorted, ascii);
      }
      g.writeEndArray();
    } else if (v instanceof Obj.Num n) {
      g.writeNumber(n.text());
    } else if (v instanceof Integer i) {
      g.writeNumber(i.intValue());
    } else if (v instanceof Long l) {
      g.writeNumber(l.longValue());
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b.booleanValue());
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass());
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** {@code s} as a JSON string literal with only ASCII characters. */
  static String asciiLiteral(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c >= 0x7F) {
            out.append("\\u")
                .append(HEX[c >> 12 & 0xF])
                .append(HEX[c >> 8 & 0xF])
                .append(HEX[c >> 4 & 0xF])
                .append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * The separators of Python's {@code json.dumps} without indentation: {@code ", "} and {@code ":
   * "}.
   */
  static final class PythonSeparators implements PrettyPrinter {
    static final PythonSeparators INSTANCE = new PythonSeparators();

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(' ');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
      g.writeRaw('{');
    }

    @Override
    public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
      g.writeRaw('}');
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      g.writeRaw('[');
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
      g.writeRaw(']');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) {}

    @Override
    public void beforeObjectEntries(JsonGenerator g) {}
  }
}
