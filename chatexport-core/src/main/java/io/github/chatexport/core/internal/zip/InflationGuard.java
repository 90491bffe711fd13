package io.github.chatexport.core.internal.zip;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * An {@link InputStream} that bounds the bytes inflated from one archive entry: once more than
 * {@link ArchiveLimits#budget(long)} bytes have been read, every read throws a {@link
 * ZipBombException} naming the entry. Closing it closes the wrapped stream.
 *
 * <p>Use it around any decompressing stream whose output an attacker controls; other packages do so
 * through {@link ArchiveLimits#guard}, e.g. {@code limits.guard(zipFile.getInputStream(e),
 * e.getName(), e.getCompressedSize())}.
 */
final class InflationGuard extends BlockInputStream {
  private final InputStream in;
  private final String entry;
  private final ArchiveLimits limits;

  /**
   * The compressed bytes the budget is computed from: known in advance, or consumed so far;
   * negative if unknown.
   */
  private final LongSupplier compressed;

  private long count;
  private boolean exceeded;

  InflationGuard(InputStream in, String entry, LongSupplier compressed, ArchiveLimits limits) {
    this.in = requireNonNull(in, "in");
    this.entry = requireNonNull(entry, "entry");
    this.compressed = requireNonNull(compressed, "compressed");
    this.limits = requireNonNull(limits, "limits");
  }

  /**
   * Bounds the bytes read from {@code in}.
   *
   * @param in the decompressing stream of one entry
   * @param entry the entry's name, for the message
   * @param compressedSize the entry's compressed size in bytes, or -1 if unknown (then only {@link
   *     ArchiveLimits#maxEntryBytes()} applies)
   * @param limits the limits
   */
  static InputStream of(InputStream in, String entry, long compressedSize, ArchiveLimits limits) {
    return new InflationGuard(in, entry, () -> compressedSize, limits);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    check();
    int n = in.read(b, off, len);
    if (n > 0) {
      count += n;
      check();
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipping inflates as much as reading does, so it counts the same.
    byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long done = 0;
    while (done < n) {
      int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void check() throws ZipBombException {
    long compressedBytes = compressed.getAsLong();
    long budget = limits.budget(compressedBytes);
    if (exceeded || count > budget) {
      exceeded = true;
      throw new ZipBombException(entry, budget, compressedBytes, limits);
    }
  }
}
