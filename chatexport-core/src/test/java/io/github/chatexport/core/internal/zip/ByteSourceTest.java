package io.github.chatexport.core.internal.zip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteSourceTest {
  @TempDir Path tmp;

  @Test
  void skipsFarWithTheStreamsOwnSkipAndTracksTheOffset() throws IOException {
    Path file = tmp.resolve("f");
    byte[] data = ZipSalvageTest.random(300_000, 1);
    Files.write(file, data);
    try (InputStream in = Files.newInputStream(file)) {
      ByteSource src = new ByteSource(in);
      src.fill(10);
      assertThat(src.skip(250_000)).isEqualTo(250_000);
      assertThat(src.position()).isEqualTo(250_000);
      src.fill(1);
      assertThat((byte) src.peek(0)).isEqualTo(data[250_000]);
      assertThat(src.skip(100_000)).as("fewer at the end").isLessThan(100_000);
    }
  }

  @Test
  void aSkipPastTheEndOfAFileIsNoticedEvenThoughTheFilesSkipSeeksBeyondIt() throws IOException {
    Path file = tmp.resolve("f");
    Files.write(file, new byte[1000]);
    try (InputStream in = new java.io.FileInputStream(file.toFile())) {
      assertThat(new ByteSource(in).skip(5000)).isLessThan(5000);
    }
  }

  @Test
  void readsLittleEndianValuesAcrossRefills() throws IOException {
    byte[] data = new byte[ByteSource.BUFFER_SIZE + 16];
    int at = ByteSource.BUFFER_SIZE - 3;
    long value = 0x1122334455667788L;
    for (int i = 0; i < 8; i++) {
      data[at + i] = (byte) (value >>> (8 * i));
    }
    ByteSource src = new ByteSource(new ByteArrayInputStream(data));
    src.fill(ByteSource.BUFFER_SIZE);
    src.advance(at);
    assertThat(src.fill(8)).isGreaterThanOrEqualTo(8);
    assertThat(src.peek64(0)).isEqualTo(value);
    assertThat(src.peek32(0)).isEqualTo(0x55667788L);
    assertThat(src.peek16(0)).isEqualTo(0x7788);
    assertThat(src.position()).isEqualTo(at);
  }

  @Test
  void rejectsImpossibleRequests() {
    ByteSource src = new ByteSource(InputStream.nullInputStream());
    assertThatThrownBy(() -> src.fill(ByteSource.BUFFER_SIZE + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> src.advance(1)).isInstanceOf(IllegalArgumentException.class);
  }
}
