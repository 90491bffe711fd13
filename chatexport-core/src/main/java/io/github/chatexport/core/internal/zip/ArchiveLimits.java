package io.github.chatexport.core.internal.zip;

import java.io.InputStream;

/**
 * How many bytes one archive entry may inflate to; immutable.
 *
 * <p>An entry may produce {@code max(minimumBytes, maxRatio × compressed bytes)} bytes, and never
 * more than {@code maxEntryBytes}. When the compressed size is not known in advance (a streamed
 * entry with a data descriptor), the compressed bytes consumed <em>so far</em> are used instead, so
 * the bound grows with the input.
 *
 * <p>Why the {@linkplain #DEFAULTS defaults}: deflate cannot compress better than about 1032:1, so
 * a ratio limit near 1000 would never stop a single-layer bomb (200 MB of zeros deflates to about
 * 200 KB). Real export content compresses far less: conversation JSON and {@code chat.html} about
 * 5–20×, logs and pasted text up to about 50×, images, audio and PDFs about 1×. A ratio of 100
 * leaves 5× headroom over the worst of these. The minimum of 64 MiB lets any entry that inflates to
 * less pass whatever its ratio (a small file of repeated characters), and caps what a bomb costs
 * before it is stopped at one 64 MiB of throw-away output (well under a second). The absolute cap
 * of 16 GiB is far above the largest entries reported (exports of about 6 GB in all, mostly stored
 * audio); it matters only when no compressed size is known.
 *
 * @param maxRatio the most bytes an entry may inflate to per compressed byte; at least 1
 * @param minimumBytes the bytes an entry may always inflate to, whatever its ratio; not negative
 * @param maxEntryBytes the most bytes any one entry may inflate to; not negative
 */
public record ArchiveLimits(long maxRatio, long minimumBytes, long maxEntryBytes) {

  /** Ratio 100, at least 64 MiB, at most 16 GiB per entry. */
  public static final ArchiveLimits DEFAULTS = new ArchiveLimits(100, 64L << 20, 16L << 30);

  /** Checks the values. */
  public ArchiveLimits {
    if (maxRatio < 1) {
      throw new IllegalArgumentException("maxRatio must be at least 1, is " + maxRatio);
    }
    if (minimumBytes < 0) {
      throw new IllegalArgumentException("minimumBytes must not be negative, is " + minimumBytes);
    }
    if (maxEntryBytes < 0) {
      throw new IllegalArgumentException("maxEntryBytes must not be negative, is " + maxEntryBytes);
    }
  }

  /**
   * The most bytes an entry of {@code compressedBytes} may inflate to; {@link #maxEntryBytes()}
   * when {@code compressedBytes} is negative (unknown).
   */
  long budget(long compressedBytes) {
    if (compressedBytes < 0) {
      return maxEntryBytes;
    }
    long byRatio =
        compressedBytes > Long.MAX_VALUE / maxRatio ? Long.MAX_VALUE : compressedBytes * maxRatio;
    return Math.min(maxEntryBytes, Math.max(minimumBytes, byRatio));
  }

  /**
   * Bounds the bytes read from {@code in} by these limits: once more than {@link #budget(long)}
   * bytes have been read, every read throws an exception naming the entry (an {@code IOException}).
   * Closing the stream returned closes {@code in}.
   *
   * @param in the decompressing stream of one entry
   * @param entry the entry's name, for the message
   * @param compressedSize the entry's compressed size in bytes, or -1 if unknown (then only {@link
   *     #maxEntryBytes()} applies)
   */
  public InputStream guard(InputStream in, String entry, long compressedSize) {
    return InflationGuard.of(in, entry, compressedSize, this);
  }
}
