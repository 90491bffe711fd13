package io.github.chatexport.core.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Epoch-seconds timestamps from their decimal text and back, exactly: never through {@code double}.
 *
 * <p>Only times from the start of year 1 to the end of year 9999 (UTC) are times: anything else is
 * not a timestamp that any export writes, and refusing it before any arithmetic keeps hostile
 * numbers ({@code 1E72703000}) as cheap as ordinary ones. Every call costs time linear in the
 * text's length.
 */
public final class Timestamps {
  private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000L);

  /** The first second of year 1, UTC. */
  static final long MIN_SECONDS = -62_135_596_800L;

  /** The last second of year 9999, UTC. */
  static final long MAX_SECONDS = 253_402_300_799L;

  private Timestamps() {}

  /**
   * The instant {@code text} seconds after the epoch, or null when {@code text} is not exactly
   * representable as an {@code Instant} (more than nine decimals) or lies outside years 1 to 9999.
   */
  public static @Nullable Instant parse(String text) {
    int n = text.length();
    int i = 0;
    boolean negative = false;
    if (i < n && text.charAt(i) == '-') {
      negative = true;
      i++;
    }
    long seconds = 0;
    int digits = 0;
    while (i < n && isDigit(text.charAt(i))) {
      if (++digits > 12) {
        return slow(text);
      }
      seconds = seconds * 10 + (text.charAt(i) - '0');
      i++;
    }
    if (digits == 0) {
      return slow(text);
    }
    long nanos = 0;
    if (i < n && text.charAt(i) == '.') {
      i++;
      int fraction = 0;
      while (i < n && isDigit(text.charAt(i))) {
        if (++fraction > 9) {
          return slow(text);
        }
        nanos = nanos * 10 + (text.charAt(i) - '0');
        i++;
      }
      for (int k = fraction; k < 9; k++) {
        nanos *= 10;
      }
    }
    if (i != n) {
      return slow(text);
    }
    return of(negative, seconds, nanos);
  }

  /**
   * As {@link #parse(String)}, for the {@code len} characters of {@code buffer} from {@code offset}
   * (a parser's text buffer, read without making a string of it).
   */
  public static @Nullable Instant parse(char[] buffer, int offset, int len) {
    int n = offset + len;
    int i = offset;
    boolean negative = false;
    if (i < n && buffer[i] == '-') {
      negative = true;
      i++;
    }
    long seconds = 0;
    int digits = 0;
    while (i < n && isDigit(buffer[i])) {
      if (++digits > 12) {
        return slow(new String(buffer, offset, len));
      }
      seconds = seconds * 10 + (buffer[i] - '0');
      i++;
    }
    if (digits == 0) {
      return slow(new String(buffer, offset, len));
    }
    long nanos = 0;
    if (i < n && buffer[i] == '.') {
      i++;
      int fraction = 0;
      while (i < n && isDigit(buffer[i])) {
        if (++fraction > 9) {
          return slow(new String(buffer, offset, len));
        }
        nanos = nanos * 10 + (buffer[i] - '0');
        i++;
      }
      for (int k = fraction; k < 9; k++) {
        nanos *= 10;
      }
    }
    if (i != n) {
      return slow(new String(buffer, offset, len));
    }
    return of(negative, seconds, nanos);
  }

  private static @Nullable Instant of(boolean negative, long seconds, long nanos) {
    if (negative) {
      long s = nanos == 0 ? -seconds : -seconds - 1;
      return s < MIN_SECONDS
          ? null
          : Instant.ofEpochSecond(s, nanos == 0 ? 0 : 1_000_000_000L - nanos);
    }
    return seconds > MAX_SECONDS ? null : Instant.ofEpochSecond(seconds, nanos);
  }

  /**
   * Whether the number {@code text} has more than twelve digits before its point (so it lies beyond
   * year 9999), told from the text alone: a thousand-digit number is refused without being parsed.
   */
  private static boolean tooLarge(String text) {
    int n = text.length();
    int i = 0;
    if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
      i++;
    }
    while (i < n && text.charAt(i) == '0') {
      i++;
    }
    long digits = 0;
    while (i < n && isDigit(text.charAt(i))) {
      digits++;
      i++;
    }
    if (digits == 0 && (i == n || text.charAt(i) != '.')) {
      return false; // zero
    }
    if (i < n && text.charAt(i) == '.') {
      i++;
      if (digits == 0) {
        while (i < n && text.charAt(i) == '0') {
          digits--;
          i++;
        }
        if (i == n || !isDigit(text.charAt(i))) {
          return false; // zero
        }
      }
      while (i < n && isDigit(text.charAt(i))) {
        i++;
      }
    }
    long exponent = 0;
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      boolean negative = i < n && text.charAt(i) == '-';
      if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
        i++;
      }
      while (i < n && isDigit(text.charAt(i))) {
        exponent = Math.min(exponent * 10 + (text.charAt(i) - '0'), 1L << 40);
        i++;
      }
      exponent = negative ? -exponent : exponent;
    }
    return digits + exponent > 12;
  }

  /**
   * Whether the {@code len} characters of {@code buffer} from {@code offset} are the text a writer
   * makes of the instant they denote ({@code RecordWriter.seconds}): whole seconds without leading
   * zeros, a point, one to nine decimals without trailing zeros ({@code .0} for whole seconds). Any
   * other text is worth keeping for write-back; this says so without making a string of it.
   */
  public static boolean isCanonical(char[] buffer, int offset, int len) {
    int n = offset + len;
    int i = offset;
    while (i < n && isDigit(buffer[i])) {
      i++;
    }
    int whole = i - offset;
    if (whole == 0 || whole > 1 && buffer[offset] == '0' || i >= n || buffer[i] != '.') {
      return false;
    }
    int fraction = ++i;
    while (i < n && isDigit(buffer[i])) {
      i++;
    }
    int decimals = i - fraction;
    return i == n && decimals >= 1 && decimals <= 9 && (decimals == 1 || buffer[n - 1] != '0');
  }

  private static @Nullable Instant slow(String text) {
    if (tooLarge(text)) {
      return null;
    }
    try {
      BigDecimal value = new BigDecimal(text);
      if (value.signum() == 0) {
        return value.scale() > 9 && value.stripTrailingZeros().scale() > 9 ? null : Instant.EPOCH;
      }
      // Digits before the point: refuse what cannot be in range before any arithmetic on it (an
      // exponent of
      // millions would build a number of millions of digits).
      if (value.precision() - (long) value.scale() > 12) {
        return null;
      }
      // Digits after the point: more than nine (after trailing zeros) are not exact; stripping
      // costs at most
      // the number's own length.
      if (value.scale() > 9) {
        value = value.stripTrailingZeros();
        if (value.scale() > 9) {
          return null;
        }
      }
      BigDecimal nanosTotal = value.multiply(BILLION);
      BigInteger exact;
      try {
        exact = nanosTotal.toBigIntegerExact();
      } catch (ArithmeticException e) {
        return null;
      }
      BigInteger[] parts = exact.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
      long seconds = parts[0].longValueExact();
      long nanos = parts[1].longValueExact();
      if (seconds < MIN_SECONDS || seconds > MAX_SECONDS || seconds == MIN_SECONDS && nanos < 0) {
        return null;
      }
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
      return null;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * {@code t} as the export writes timestamps: epoch seconds as decimal text, exactly, never
   * through {@code double}: {@code 1695326273.968528}; whole seconds as {@code 1682606050.0}. The
   * one formatter of timestamps ({@link #parse} reads what it writes back to the same instant).
   */
  public static String format(Instant t) {
    long s = t.getEpochSecond();
    int n = t.getNano();
    if (n == 0) {
      return s + ".0";
    }
    if (s < 0) {
      return new BigDecimal(s).add(BigDecimal.valueOf(n, 9)).stripTrailingZeros().toPlainString();
    }
    String nanos = String.format("%09d", n);
    int end = nanos.length();
    while (end > 1 && nanos.charAt(end - 1) == '0') {
      end--;
    }
    return s + "." + nanos.substring(0, end);
  }
}
