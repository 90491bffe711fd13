package io.github.chatexport.benchmarks;

import java.util.Locale;

/**
 * Sizes as people write them: {@code 200MB}, {@code 1GB}, {@code 512KB}, {@code 2.5MB}; 1 MB is
 * 2^20 bytes.
 */
final class Sizes {
  private Sizes() {}

  static long parse(String text) {
    String s = text.strip().toUpperCase(Locale.ROOT).replace("IB", "B");
    long unit = 1;
    if (s.endsWith("GB") || s.endsWith("G")) {
      unit = 1L << 30;
    } else if (s.endsWith("MB") || s.endsWith("M")) {
      unit = 1L << 20;
    } else if (s.endsWith("KB") || s.endsWith("K")) {
      unit = 1L << 10;
    }
    String number = s.replaceAll("[A-Z]+$", "");
    try {
      double value = Double.parseDouble(number);
      if (!(value > 0)) {
        throw new IllegalArgumentException("not a positive size: " + text);
      }
      return (long) (value * unit);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a size (try 200MB or 1GB): " + text, e);
    }
  }

  /** {@code bytes} in MB (2^20), for tables. */
  static double mb(long bytes) {
    return bytes / (double) (1 << 20);
  }

  /** A short name for a size: {@code 200MB}, {@code 1GB}, {@code 1536KB}. */
  static String name(long bytes) {
    if (bytes % (1L << 30) == 0) {
      return bytes / (1L << 30) + "GB";
    }
    if (bytes % (1L << 20) == 0) {
      return bytes / (1L << 20) + "MB";
    }
    if (bytes % (1L << 10) == 0) {
      return bytes / (1L << 10) + "KB";
    }
    return bytes + "B";
  }
}
