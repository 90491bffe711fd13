package io.github.chatexport.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Small helpers shared by the records. */
final class Util {
  private Util() {}

  /**
   * {@code time} as the export writes timestamps: seconds since the epoch, with the fraction the nanoseconds give
   * and no trailing zeros ({@code 1695326273.968528}).
   */
  static @Nullable BigDecimal seconds(@Nullable Instant time) {
    if (time == null) {
      return null;
    }
    BigDecimal seconds = BigDecimal.valueOf(time.getEpochSecond());
    return time.getNano() == 0 ? seconds : seconds.add(BigDecimal.valueOf(time.getNano(), 9).stripTrailingZeros());
  }

  static int length(@Nullable String s) {
    return s == null ? 0 : s.length();
  }

  static long length(List<String> strings) {
    long total = 0;
    for (String s : strings) {
      total += s.length();
    }
    return total;
  }
}
