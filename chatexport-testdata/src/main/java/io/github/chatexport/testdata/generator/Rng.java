package io.github.chatexport.testdata.generator;

import java.util.List;

/**
 * SplitMix64: a tiny, fast generator whose output is fixed by its algorithm, so that a seed gives
 * the same export on every JVM, version and platform (unlike {@code SplittableRandom}, whose
 * algorithm the JDK does not promise).
 */
final class Rng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private long state;

  Rng(long seed) {
    this.state = seed;
  }

  /**
   * A generator for item {@code index} of a stream seeded with {@code seed}, independent of the
   * other items.
   */
  static Rng of(long seed, long stream, long index) {
    return new Rng(mix(mix(seed ^ mix(stream)) + index * GOLDEN));
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in {@code [0, bound)}; {@code bound} positive. */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in {@code [lo, hi]}. */
  int between(int lo, int hi) {
    return lo + nextInt(hi - lo + 1);
  }

  /** Uniform in {@code [0, 1)}. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  boolean chance(double p) {
    return nextDouble() < p;
  }

  <T> T pick(T[] values) {
    return values[nextInt(values.length)];
  }

  <T> T pick(List<T> values) {
    return values.get(nextInt(values.size()));
  }

  /** An index drawn with the given relative weights. */
  int weighted(int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int x = nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
