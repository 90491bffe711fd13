package io.github.chatexport.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShaTest {
  /** What {@link Sha#of} must equal: the digest of {@code getBytes(UTF_8)}, each part then NUL. */
  private static String expected(String... parts) {
    MessageDigest d = Sha.digest();
    for (String p : parts) {
      d.update(p.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
    }
    return Sha.hex(d.digest());
  }

  @Test
  void encodesAsGetBytesDoes() {
    String x = "x".repeat(8191);
    List<String> texts =
        List.of(
            "",
            "plain ascii",
            "café, naïve",
            "東京 and ελληνικά",
            "a 📌 pin",
            "lone high \uD83D then text",
            "lone low \uDC00 here",
            "ends on a high \uD83D",
            "\uDC00\uD83D reversed pair",
            x + "\uD83D\uDCCC", // a pair across the first chunk's end
            x + "\uD83D", // a lone high surrogate at the chunk's end, the text's last
            x + "\uD83Dz", // a lone high surrogate at the chunk's end, then a letter
            "é".repeat(20_000) + "📌".repeat(9000));
    for (String t : texts) {
      assertThat(Sha.of(t)).as(t.length() > 40 ? t.substring(0, 40) : t).isEqualTo(expected(t));
    }
    assertThat(Sha.of("a", "b")).isEqualTo(expected("a", "b")).isNotEqualTo(Sha.of("ab"));
  }

  @Test
  void encodesRandomTextAsGetBytesDoes() {
    Random random = new Random(7);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(20_000);
      for (int k = 0; k < n; k++) {
        int kind = random.nextInt(6);
        b.append(
            switch (kind) {
              case 0 -> (char) random.nextInt(0x80);
              case 1 -> (char) (0x80 + random.nextInt(0x780));
              case 2 -> (char) (0x800 + random.nextInt(0xD000));
              case 3 -> (char) (0xD800 + random.nextInt(0x800)); // any surrogate, paired or not
              default -> 'a';
            });
      }
      texts.add(b.toString());
    }
    for (String t : texts) {
      assertThat(Sha.of(t, t)).isEqualTo(expected(t, t));
    }
  }
}
