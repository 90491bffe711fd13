package io.github.chatexport.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one formatter of timestamps writes what the export writes, and what {@code parse} reads back.
 */
class TimestampsFormatTest {

  @ParameterizedTest(name = "{0} s {1} ns as {2}")
  @CsvSource({
    "1695326273, 968528000, 1695326273.968528",
    "1695326280, 0, 1695326280.0",
    "0, 0, 0.0",
    "0, 1, 0.000000001",
    "1682606050, 500000000, 1682606050.5",
    "-2, 500000000, -1.5",
    "253402300799, 999999999, 253402300799.999999999"
  })
  void formatsAsTheExportWrites(long seconds, int nanos, String text) {
    Instant t = Instant.ofEpochSecond(seconds, nanos);

    assertThat(Timestamps.format(t)).isEqualTo(text);
    assertThat(Timestamps.parse(text)).isEqualTo(t);
  }
}
