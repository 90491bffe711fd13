package io.github.chatexport.archive.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scan that finds a conversations file's objects by their structure alone. */
class ObjectScannerTest {
  /** Each object as "text | named ids", then the step that ended the scan. */
  private static List<String> scan(InputStream in, int limit, String... ids) throws Exception {
    ObjectScanner scan = new ObjectScanner(in, limit);
    List<String> out = new ArrayList<>();
    ObjectScanner.Step step;
    while ((step = scan.next()) == ObjectScanner.Step.OBJECT) {
      String text = new String(scan.bytes(), UTF_8);
      assertThat(scan.length()).isEqualTo(scan.bytes().length);
      assertThat(scan.sha256())
          .isEqualTo(
              HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8))));
      StringBuilder named = new StringBuilder();
      for (String id : ids) {
        if (scan.names(id)) {
          named.append(named.length() == 0 ? "" : ",").append(id);
        }
      }
      out.add(text + " | " + named);
    }
    out.add(step.toString());
    return out;
  }

  private static List<String> scan(String json, String... ids) throws Exception {
    return scan(new ByteArrayInputStream(json.getBytes(UTF_8)), 1 << 20, ids);
  }

  /** A stream that hands over one byte per read: every boundary falls everywhere. */
  private static InputStream trickle(String json) {
    byte[] bytes = json.getBytes(UTF_8);
    return new InputStream() {
      int i;

      @Override
      public int read() {
        return i < bytes.length ? bytes[i++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (i >= bytes.length) {
          return -1;
        }
        b[off] = bytes[i++];
        return 1;
      }
    };
  }

  private static final String FILE =
      " [\n"
          + "{\"title\": \"a } and a ] in a string\", \"id\": \"c1\", \"mapping\": {\"n\": {\"id\": \"n1\","
          + " \"children\": [\"x\", {\"y\": [1, 2]}]}}},\n"
          + "  {\"conversation_id\": \"c2\", \"q\": \"an escaped \\\" quote and \\\\\", \"id\": 7},"
          + "{\"id\": \"c\\u0033\", \"t\": \"é ✓ 𝄞\"}\r\n"
          + "] \n";

  private static final List<String> EXPECTED =
      List.of(
          "{\"title\": \"a } and a ] in a string\", \"id\": \"c1\", \"mapping\": {\"n\": {\"id\": \"n1\","
              + " \"children\": [\"x\", {\"y\": [1, 2]}]}}} | c1",
          "{\"conversation_id\": \"c2\", \"q\": \"an escaped \\\" quote and \\\\\", \"id\": 7} | c2",
          "{\"id\": \"c\\u0033\", \"t\": \"é ✓ 𝄞\"} | ",
          "END");

  @Test
  void findsEachObjectExactlyAsStoredAndItsTopLevelIds() throws Exception {
    // n1 is a node's id, not the conversation's; c3 is escaped, so not named
    assertThat(scan(FILE, "c1", "c2", "c3", "n1", "7")).isEqualTo(EXPECTED);
  }

  @Test
  void findsTheSameWhenEveryByteArrivesAlone() throws Exception {
    assertThat(scan(trickle(FILE), 1 << 20, "c1", "c2", "c3", "n1", "7")).isEqualTo(EXPECTED);
  }

  @Test
  void findsObjectsLargerThanWhatItReadsAtATime() throws Exception {
    // escapes every few bytes, so that some backslash is the last byte of a read
    String text = "a\\\"b\\\\c".repeat(40_000);
    String object = "{\"id\": \"big\", \"text\": \"" + text + "\"}";
    assertThat(scan("[" + object + ", {\"id\": \"small\"}]", "big", "small"))
        .containsExactly(object + " | big", "{\"id\": \"small\"} | small", "END");
  }

  @Test
  void anEmptyArrayEnds() throws Exception {
    assertThat(scan(" [ ]\n")).containsExactly("END");
    assertThat(scan("[]")).containsExactly("END");
  }

  @Test
  void anythingButOneArrayOfObjectsIsUnsuitable() throws Exception {
    for (String json :
        List.of(
            "",
            "{\"id\": \"lone\"}",
            "\uFEFF[{}]",
            "[1]",
            "[{}, null]",
            "[{} {}]",
            "[{},]",
            "[{}] []",
            "[{}",
            "[{\"id\": \"cut",
            "[{\"a\": {\"b\": 1}",
            "[{}, {\"a\": \"\\")) {
      List<String> out = scan(json);
      assertThat(out).as(json).last().isEqualTo("UNSUITABLE");
    }
    assertThat(scan("[{}, {\"id\": \"c\"}, 3]", "c"))
        .containsExactly("{} | ", "{\"id\": \"c\"} | c", "UNSUITABLE");
  }

  @Test
  void anObjectOverTheLimitIsUnsuitable() throws Exception {
    String big = "{\"text\": \"" + "x".repeat(300_000) + "\"}";
    assertThat(scan(new ByteArrayInputStream(("[{}, " + big + "]").getBytes(UTF_8)), 1 << 18))
        .containsExactly("{} | ", "UNSUITABLE");
    assertThat(scan(new ByteArrayInputStream(("[{}, " + big + "]").getBytes(UTF_8)), 1 << 20))
        .containsExactly("{} | ", big + " | ", "END");
  }

  @Test
  void nothingIsReadAfterTheScanStops() throws IOException {
    ObjectScanner scan = new ObjectScanner(new ByteArrayInputStream("[1]".getBytes(UTF_8)), 64);
    assertThat(scan.next()).isEqualTo(ObjectScanner.Step.UNSUITABLE);
    assertThat(scan.next()).isEqualTo(ObjectScanner.Step.UNSUITABLE);
  }
}
