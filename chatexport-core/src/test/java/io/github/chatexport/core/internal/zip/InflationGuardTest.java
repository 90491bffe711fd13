package io.github.chatexport.core.internal.zip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

class InflationGuardTest {
  private static final long BOMB_SIZE = 200L << 20;

  @Test
  void passesAnEntryWithinItsBudgetUnchanged() throws IOException {
    byte[] data =
        "[{\"title\":\"a\"}]".repeat(1000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] deflated = TestZips.deflate(data);
    try (InputStream in =
        InflationGuard.of(inflating(deflated), "c.json", deflated.length, ArchiveLimits.DEFAULTS)) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
  }

  @Test
  void stopsA200MegabyteZeroBombEarlyAndFast() throws IOException {
    byte[] deflated = TestZips.deflatedZeros(BOMB_SIZE);
    assertThat(deflated.length).as("a ratio beyond 900").isLessThan((int) (BOMB_SIZE / 900));
    long start = System.nanoTime();
    InputStream in =
        InflationGuard.of(
            inflating(deflated), "bomb.json", deflated.length, ArchiveLimits.DEFAULTS);
    byte[] buf = new byte[1 << 16];
    long read = 0;
    ZipBombException e = null;
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        read += n;
      }
    } catch (ZipBombException expected) {
      e = expected;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(e).isNotNull();
    long budget = ArchiveLimits.DEFAULTS.budget(deflated.length);
    assertThat(budget).isEqualTo(64L << 20);
    assertThat(read).isLessThanOrEqualTo(budget).isGreaterThan(budget - buf.length);
    assertThat(e.limit()).isEqualTo(budget);
    assertThat(e.entry()).isEqualTo("bomb.json");
    assertThat(e.getMessage())
        .contains("'bomb.json'")
        .contains("ZIP bomb")
        .contains(String.valueOf(budget));
    assertThat(millis).as("milliseconds").isLessThan(3_000);
    assertThatThrownBy(in::read).as("it stays failed").isInstanceOf(ZipBombException.class);
  }

  @Test
  void theGeneratedBombIsAValidDeflateStreamOfZeros() throws IOException {
    byte[] deflated = TestZips.deflatedZeros(20 << 20);
    assertThat(deflated.length).isLessThan(25_000);
    long total = 0;
    boolean allZero = true;
    try (InputStream in = inflating(deflated)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) >= 0; total += n) {
        for (int i = 0; i < n; i++) {
          allZero &= buf[i] == 0;
        }
      }
    }
    assertThat(total).isEqualTo(20 << 20);
    assertThat(allZero).isTrue();
  }

  @Test
  void allowsTheMinimumWhateverTheRatio() throws IOException {
    byte[] deflated = TestZips.deflatedZeros(1 << 20);
    ArchiveLimits limits = new ArchiveLimits(2, 1 << 20, 1L << 40);
    try (InputStream in =
        InflationGuard.of(inflating(deflated), "zeros", deflated.length, limits)) {
      assertThat(in.readAllBytes()).hasSize(1 << 20);
    }
  }

  @Test
  void appliesTheAbsoluteCapWhenTheCompressedSizeIsUnknown() {
    byte[] deflated = TestZips.deflatedZeros(10 << 20);
    ArchiveLimits limits = new ArchiveLimits(1000, 0, 1 << 20);
    InputStream in = InflationGuard.of(inflating(deflated), "x.dat", -1, limits);
    ZipBombException e = catchThrowableOfType(ZipBombException.class, in::readAllBytes);
    assertThat(e.limit()).isEqualTo(1 << 20);
    assertThat(e.getMessage()).contains("an unknown number of compressed bytes");
  }

  @Test
  void appliesTheAbsoluteCapAboveTheRatio() {
    byte[] data = new byte[3000];
    ArchiveLimits limits = new ArchiveLimits(1000, 0, 2000);
    InputStream in = InflationGuard.of(new ByteArrayInputStream(data), "x", 3000, limits);
    assertThat(catchThrowableOfType(ZipBombException.class, in::readAllBytes).limit())
        .isEqualTo(2000);
  }

  @Test
  void countsSkippedBytesLikeReadOnes() throws IOException {
    ArchiveLimits limits = new ArchiveLimits(1, 100, 1000);
    InputStream in = InflationGuard.of(new ByteArrayInputStream(new byte[5000]), "x", 10, limits);
    assertThat(in.skip(100)).isEqualTo(100);
    assertThatThrownBy(() -> in.skip(1)).isInstanceOf(ZipBombException.class);
  }

  @Test
  void readsSingleBytesAndClosesTheWrappedStream() throws IOException {
    boolean[] closed = {false};
    InputStream wrapped =
        new ByteArrayInputStream(new byte[] {7, (byte) 200}) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    InputStream in = InflationGuard.of(wrapped, "x", 2, ArchiveLimits.DEFAULTS);
    assertThat(in.available()).isEqualTo(2);
    assertThat(in.read()).isEqualTo(7);
    assertThat(in.read()).isEqualTo(200);
    assertThat(in.read()).isEqualTo(-1);
    in.close();
    assertThat(closed[0]).isTrue();
  }

  @Test
  void budgetsSaturateAndRejectBadLimits() {
    ArchiveLimits limits = new ArchiveLimits(100, 10, Long.MAX_VALUE);
    assertThat(limits.budget(Long.MAX_VALUE / 2)).isEqualTo(Long.MAX_VALUE);
    assertThat(limits.budget(0)).isEqualTo(10);
    assertThat(limits.budget(1)).isEqualTo(100);
    assertThat(limits.budget(-1)).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> new ArchiveLimits(0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ArchiveLimits(1, -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ArchiveLimits(1, 1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static InputStream inflating(byte[] deflated) {
    return new InflaterInputStream(new ByteArrayInputStream(deflated), new Inflater(true), 1 << 16);
  }
}
