package io.github.chatexport.core.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class SourceBytesTest {
  private static byte[] sha(byte[] bytes, int from, int to) throws Exception {
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    d.update(bytes, from, to - from);
    return d.digest();
  }

  private static void readAll(SourceBytes in, int chunk) throws IOException {
    byte[] b = new byte[chunk];
    while (in.read(b, 0, chunk) >= 0) {
      // keep reading
    }
  }

  @Test
  void hashesWhatWasKeptFromTheGivenOffset() throws Exception {
    byte[] data = "0123456789abcdefghij".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    SourceBytes in = new SourceBytes(new ByteArrayInputStream(data), 1 << 20);
    byte[] chunk = new byte[777];
    assertThat(in.read(chunk, 0, 777)).isEqualTo(777);
    in.keepFrom(500);
    readAll(in, 333);
    assertThat(in.sha256(500, 20_000)).isEqualTo(sha(data, 500, 20_000));
    assertThat(in.sha256(600, 700)).isEqualTo(sha(data, 600, 700));
    assertThat(in.sha256(499, 700)).isNull(); // forgotten
    assertThat(in.sha256(600, 20_001)).isNull(); // never read
    in.keepFrom(19_000);
    assertThat(in.sha256(19_000, 20_000)).isEqualTo(sha(data, 19_000, 20_000));
    assertThat(in.sha256(18_999, 20_000)).isNull();
  }

  @Test
  void keepsNoMoreThanItsLimitAndRecoversAfter() throws Exception {
    byte[] data = new byte[10_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    SourceBytes in = new SourceBytes(new ByteArrayInputStream(data), 1000);
    in.keepFrom(0);
    byte[] b = new byte[600];
    in.read(b, 0, 600);
    in.read(b, 0, 600); // 1,200 bytes asked for: over the limit
    assertThat(in.sha256(0, 1100)).isNull();
    in.keepFrom(1200); // the next object starts where reading is now
    in.read(b, 0, 500);
    assertThat(in.sha256(1200, 1700)).isEqualTo(sha(data, 1200, 1700));
    assertThat(in.read()).isEqualTo(1700 & 0xFF);
    assertThat(in.sha256(1200, 1701)).isEqualTo(sha(data, 1200, 1701));
  }
}
