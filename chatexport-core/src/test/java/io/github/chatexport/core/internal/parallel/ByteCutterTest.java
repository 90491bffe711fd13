package io.github.chatexport.core.internal.parallel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteCutterTest {
  /**
   * Line breaks as jackson counts them: '\n', "\r\n" and a lone '\r' one each (a fuzz finding: '\r'
   * alone).
   */
  @Test
  void countsLinesAsAByteByByteLoop() {
    Random random = new Random(3);
    for (int n = 0; n < 20_000; n++) {
      byte[] buf = new byte[random.nextInt(100)];
      for (int i = 0; i < buf.length; i++) {
        int r = random.nextInt(8);
        buf[i] =
            (byte)
                (r == 0
                    ? '\n'
                    : r == 1 ? '\r' : r == 2 ? 0x8A : r == 3 ? 0x8D : 'a' + random.nextInt(3));
      }
      int from = buf.length == 0 ? 0 : random.nextInt(buf.length);
      boolean afterCr = random.nextBoolean();
      long line = 7;
      long lineStart = 40;
      boolean cr = afterCr;
      for (int i = from; i < buf.length; i++) {
        if (buf[i] == '\r' || buf[i] == '\n' && !cr) {
          line++;
        }
        if (buf[i] == '\r' || buf[i] == '\n') {
          lineStart = 1000L + i + 1;
        }
        cr = buf[i] == '\r';
      }
      assertThat(ByteCutter.countLines(buf, from, buf.length, 1000, 7, 40, afterCr))
          .as("case %d", n)
          .containsExactly(line, lineStart, cr ? 1L : 0L);
    }
  }

  @Test
  void cutsBeforeTheKeysOfAConversation() {
    byte[] json =
        ("[{\"title\": \"a\", \"create_time\": 1, \"x\": [{\"url\": 1}, {\"url\": 2}]},"
                + " {\"title\": \"b, {\\\"x\", \"create_time\": 2}]")
            .getBytes(UTF_8);
    String learned = ByteCutter.firstKeys(json, 1, json.length);
    assertThat(learned).isEqualTo("title create_time");
    int cut = ByteCutter.findCut(json, 2, json.length, learned, false);
    assertThat(new String(json, cut, 10, UTF_8)).isEqualTo("{\"title\": ");
    // Any "},{" when the keys are not asked for: here the first one is inside a conversation.
    int any = ByteCutter.findCut(json, 2, json.length, learned, true);
    assertThat(new String(json, any, 7, UTF_8)).isEqualTo("{\"url\":");
    // Two keys of a conversation, in another order than the learned one.
    byte[] sorted =
        "[{\"a\": 1}, {\"async_status\": null, \"atlas_mode_enabled\": null}]".getBytes(UTF_8);
    assertThat(
            new String(
                sorted,
                ByteCutter.findCut(sorted, 2, sorted.length, "title create_time", false),
                3,
                UTF_8))
        .isEqualTo("{\"a");
    // Not enough bytes to tell: look again from the brace.
    int more = ByteCutter.findCut(json, 2, cut + 12, learned, false);
    assertThat(more).isEqualTo(-cut);
  }
}
