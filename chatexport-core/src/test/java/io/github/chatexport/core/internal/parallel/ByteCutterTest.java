package io.github.chatexport.core.internal.parallel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteCutterTest {
  @Test
  void countsLinesAsAByteByByteLoop() {
    Random random = new Random(3);
    for (int n = 0; n < 5_000; n++) {
      byte[] buf = new byte[random.nextInt(100)];
      for (int i = 0; i < buf.length; i++) {
        buf[i] = (byte) (random.nextInt(6) == 0 ? '\n' : random.nextInt(4) == 0 ? 0x8A : 'a' + random.nextInt(3));
      }
      int from = buf.length == 0 ? 0 : random.nextInt(buf.length);
      long line = 7;
      long lineStart = 40;
      for (int i = from; i < buf.length; i++) {
        if (buf[i] == '\n') {
          line++;
          lineStart = 1000 + i + 1;
        }
      }
      assertThat(ByteCutter.countLines(buf, from, buf.length, 1000, 7, 40)).as("case %d", n)
          .containsExactly(line, lineStart);
    }
  }

  @Test
  void cutsBeforeTheKeysOfAConversation() {
    byte[] json = ("[{\"title\": \"a\", \"create_time\": 1, \"x\": [{\"url\": 1}, {\"url\": 2}]},"
        + " {\"title\": \"b, {\\\"x\", \"create_time\": 2}]").getBytes(UTF_8);
    String learned = ByteCutter.firstKeys(json, 1, json.length);
    assertThat(learned).isEqualTo("title create_time");
    int cut = ByteCutter.findCut(json, 2, json.length, learned, false);
    assertThat(new String(json, cut, 10, UTF_8)).isEqualTo("{\"title\": ");
    // Any "},{" when the keys are not asked for: here the first one is inside a conversation.
    int any = ByteCutter.findCut(json, 2, json.length, learned, true);
    assertThat(new String(json, any, 7, UTF_8)).isEqualTo("{\"url\":");
    // Two keys of a conversation, in another order than the learned one.
    byte[] sorted = "[{\"a\": 1}, {\"async_status\": null, \"atlas_mode_enabled\": null}]".getBytes(UTF_8);
    assertThat(new String(sorted, ByteCutter.findCut(sorted, 2, sorted.length, "title create_time", false),
        3, UTF_8)).isEqualTo("{\"a");
    // Not enough bytes to tell: look again from the brace.
    int more = ByteCutter.findCut(json, 2, cut + 12, learned, false);
    assertThat(more).isEqualTo(-cut);
  }
}
