package io.github.chatexport.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exact epoch seconds from decimal text, within years 1 to 9999, at the cost of the text's length.
 */
class TimestampsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "1695326273.968528, 2023-09-21T19:57:53.968528Z",
    "1682606050.0, 2023-04-27T14:34:10Z",
    "0, 1970-01-01T00:00:00Z",
    "0E50, 1970-01-01T00:00:00Z",
    "0.000E-999999999, 1970-01-01T00:00:00Z",
    "-1.5, 1969-12-31T23:59:58.500Z",
    "1.6953262739685E9, 2023-09-21T19:57:53.968500Z",
    "169532627396852800E-8, 2023-09-21T19:57:53.968528Z",
    "0.0001695326273968528E13, 2023-09-21T19:57:53.968528Z",
    "253402300799.999999999, 9999-12-31T23:59:59.999999999Z",
    "-62135596800, 0001-01-01T00:00:00Z"
  })
  void readsExactTimesInRange(String text, String expected) {
    assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(expected));
    assertThat(Timestamps.parse(text.toCharArray(), 0, text.length()))
        .isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "253402300800",
        "-62135596801",
        "-62135596800.5",
        "999999999999",
        "1E12",
        "1.51E72703000",
        "1E10000000",
        "1e-999999999",
        "1.0000000001",
        "0.0000000001",
        "99999999999999999999999999999999999999999999999999999999999999999999999999999999.5"
      })
  void refusesTimesOutOfRangeOrFinerThanNanoseconds(String text) {
    assertThat(Timestamps.parse(text)).isNull();
    assertThat(Timestamps.parse(text.toCharArray(), 0, text.length())).isNull();
  }

  /**
   * A thousand-digit number and huge exponents cost microseconds, not the seconds of building their
   * digits.
   */
  @Test
  void refusesHostileNumbersInLinearTime() {
    String digits = "9".repeat(999);
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          for (int i = 0; i < 2_000; i++) {
            assertThat(Timestamps.parse(digits)).isNull();
            assertThat(Timestamps.parse("1.51E72703000")).isNull();
            assertThat(Timestamps.parse("-1e-999999999")).isNull();
            assertThat(Timestamps.parse("1E" + (Integer.MAX_VALUE - i))).isNull();
          }
        });
  }
}
