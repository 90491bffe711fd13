package io.github.chatexport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NestingScannerTest {
  /** The obvious byte-by-byte scan, to compare with. Returns {end, line, lineStart}. */
  private static long[] reference(byte[] a, int from) {
    int depth = 0;
    boolean inString = false;
    boolean escape = false;
    long line = 1;
    long lineStart = 0;
    for (int i = 0; i < a.length; i++) {
      byte b = a[i];
      if (b == '\n') {
        line++;
        lineStart = i + 1;
      }
      if (i < from) {
        continue;
      }
      if (escape) {
        escape = false; // a backslash escapes the next byte, even outside strings (where it is not JSON)
      } else if (b == '\\') {
        escape = true;
      } else if (inString) {
        if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        depth++;
      } else if ((b == '}' || b == ']') && --depth == 0) {
        return new long[] {i + 1, line, lineStart};
      }
    }
    return new long[] {-1, line, lineStart};
  }

  /** Scans from {@code from} (an opening bracket) in reads of random sizes. */
  private static long[] scan(byte[] a, int from, Random random) {
    NestingScanner s = new NestingScanner();
    long[] before = reference(java.util.Arrays.copyOf(a, from), from);
    s.line = before[1];
    s.lineStart = before[2];
    s.startElement();
    int i = from + 1;
    while (i < a.length) {
      int end = Math.min(a.length, i + 1 + random.nextInt(40));
      int r = s.element(a, i, end, 0);
      if (r >= 0) {
        return new long[] {r, s.line, s.lineStart};
      }
      i = end;
    }
    return new long[] {-1, s.line, s.lineStart};
  }

  private static final String[] PIECES = {
    "{", "}", "[", "]", "\"", "\\\"", "\\\\", "\\", "\n", "\\n", ",", ":", " ", "a", "é", "日本", "😀", "{\"k\":",
    "\"]}\"", "\"{[\"", "\\\\\\\"", "12.5e3", "true", "null", "\r\n", "\t",
  };

  private static byte[] randomJson(Random random, int length) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("\n [\n".getBytes(StandardCharsets.UTF_8));
    out.write('{');
    while (out.size() < length) {
      out.writeBytes(PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void findsTheSameEndAndLinesAsAByteByByteScan() {
    Random random = new Random(7);
    for (int n = 0; n < 20_000; n++) {
      byte[] a = randomJson(random, 1 + random.nextInt(300));
      int from = 4;
      assertThat(scan(a, from, random)).as("case %d: %s", n, new String(a, StandardCharsets.UTF_8))
          .containsExactly(reference(a, from));
    }
  }

  @Test
  void skipsWellFormedConversations() {
    String json = "{\"title\": \"a } ] \\\" { [\", \"mapping\": {\"x\": {\"parts\": [\"line\\nbreak \\\\\", "
        + "\"\\\\\\\"]\"]}},\n \"current_node\": \"x\"}, {\"next\": 1}";
    byte[] a = json.getBytes(StandardCharsets.UTF_8);
    NestingScanner s = new NestingScanner();
    s.startElement();
    int end = s.element(a, 1, a.length, 100);
    assertThat(new String(a, 0, end, StandardCharsets.UTF_8)).endsWith("\"current_node\": \"x\"}");
    assertThat(s.line).isEqualTo(2);
    assertThat(s.lineStart).isEqualTo(100 + json.indexOf('\n') + 1);
    assertThat(s.inString).isFalse();
  }
}
