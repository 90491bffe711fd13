package io.github.chatexport.core.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Epoch-seconds timestamps from their decimal text, exactly: never through {@code double}. */
public final class Timestamps {
  private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000L);

  private Timestamps() {}

  /**
   * The instant {@code text} seconds after the epoch, or null when {@code text} is not exactly representable
   * as an {@code Instant} (more than nine decimals, or out of range).
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
    if (negative) {
      return nanos == 0 ? Instant.ofEpochSecond(-seconds) : Instant.ofEpochSecond(-seconds - 1, 1_000_000_000L - nanos);
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /**
   * As {@link #parse(String)}, for the {@code len} characters of {@code buffer} from {@code offset} (a parser's
   * text buffer, read without making a string of it).
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
    if (negative) {
      return nanos == 0 ? Instant.ofEpochSecond(-seconds) : Instant.ofEpochSecond(-seconds - 1, 1_000_000_000L - nanos);
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /**
   * Whether the {@code len} characters of {@code buffer} from {@code offset} are the text a writer makes of the
   * instant they denote ({@code RecordWriter.seconds}): whole seconds without leading zeros, a point, one to nine
   * decimals without trailing zeros ({@code .0} for whole seconds). Any other text is worth keeping for
   * write-back; this says so without making a string of it.
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
    try {
      BigDecimal value = new BigDecimal(text);
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
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
      return null;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
