package io.github.chatexport.api.internal;

import java.math.BigDecimal;

/**
 * The bound on the numbers that typed views hand out as {@link BigDecimal}s: a caller that converts
 * one ({@code toBigInteger()}, {@code longValue()}, {@code toPlainString()}) does work that grows
 * with the size of its exponent, so {@code 1E72703000}, forty bytes of JSON, would cost tens of
 * millions of digits. As jackson-databind does before a {@code BigDecimal} becomes a {@code
 * BigInteger}, the scale is bounded.
 */
public final class Numbers {
  /** The largest scale, in absolute value, of a number handed out as a {@code BigDecimal}. */
  public static final int MAX_SCALE = 10_000;

  private Numbers() {}

  /**
   * Whether {@code value} is small enough to hand out: its scale and its exponent ({@code precision
   * - scale}) are both within {@link #MAX_SCALE}, so that any conversion of it costs at most about
   * that many digits.
   */
  public static boolean bounded(BigDecimal value) {
    long scale = value.scale();
    long exponent = value.precision() - scale;
    return Math.abs(scale) <= MAX_SCALE && Math.abs(exponent) <= MAX_SCALE;
  }
}
