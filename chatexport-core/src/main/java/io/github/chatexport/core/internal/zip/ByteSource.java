package io.github.chatexport.core.internal.zip;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;

/**
 * A caller's stream read through one fixed buffer, with look-ahead and the absolute byte offset.
 * Never reads more than {@link #BUFFER_SIZE} bytes ahead of what was consumed; never closes the
 * stream.
 */
public final class ByteSource {
  /** The buffer size, and so the most bytes ever read ahead of the consumer. */
  public static final int BUFFER_SIZE = 64 * 1024;

  private final InputStream in;
  final byte[] buf = new byte[BUFFER_SIZE];

  /** The next unconsumed byte in {@link #buf}. */
  int pos;

  /** The end of the valid bytes in {@link #buf}. */
  int limit;

  /** The absolute offset of {@code buf[0]}. */
  private long base;

  private boolean eof;

  public ByteSource(InputStream in) {
    this.in = requireNonNull(in, "in");
  }

  /** The buffer, for a reader in another package that scans it in place (the chat.html scanner). */
  public byte[] buffer() {
    return buf;
  }

  /** The index in {@link #buffer()} of the next unconsumed byte. */
  public int pos() {
    return pos;
  }

  /** The absolute offset of the next unconsumed byte. */
  public long position() {
    return base + pos;
  }

  /** How many bytes are buffered and unconsumed. */
  public int available() {
    return limit - pos;
  }

  /**
   * Buffers at least {@code need} bytes (at most {@link #BUFFER_SIZE}) unless the stream ends
   * first.
   *
   * @return the bytes now available, which is less than {@code need} only at the end of the stream
   */
  public int fill(int need) throws IOException {
    if (need > BUFFER_SIZE) {
      throw new IllegalArgumentException("cannot look " + need + " bytes ahead");
    }
    if (limit - pos >= need || eof) {
      return limit - pos;
    }
    if (pos > 0 && BUFFER_SIZE - pos < need) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      base += pos;
      limit -= pos;
      pos = 0;
    }
    while (limit - pos < need && !eof) {
      if (limit == BUFFER_SIZE) {
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        base += pos;
        limit -= pos;
        pos = 0;
      }
      int n = in.read(buf, limit, BUFFER_SIZE - limit);
      if (n < 0) {
        eof = true;
      } else {
        limit += n;
      }
    }
    return limit - pos;
  }

  /** The byte {@code i} bytes ahead, unsigned; {@code i} must be less than {@link #available()}. */
  public int peek(int i) {
    return buf[pos + i] & 0xff;
  }

  /** A little-endian unsigned 16-bit value {@code i} bytes ahead. */
  int peek16(int i) {
    return peek(i) | peek(i + 1) << 8;
  }

  /** A little-endian unsigned 32-bit value {@code i} bytes ahead. */
  long peek32(int i) {
    return (peek16(i) | (long) peek16(i + 2) << 16) & 0xffffffffL;
  }

  /** A little-endian 64-bit value {@code i} bytes ahead. */
  long peek64(int i) {
    return peek32(i) | peek32(i + 4) << 32;
  }

  /** Consumes {@code n} buffered bytes. */
  public void advance(int n) {
    if (n < 0 || n > limit - pos) {
      throw new IllegalArgumentException(
          "cannot advance " + n + " of " + (limit - pos) + " buffered bytes");
    }
    pos += n;
  }

  /**
   * Reads up to {@code len} bytes, blocking for at least one.
   *
   * @return the bytes read, or -1 at the end of the stream
   */
  int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (fill(1) == 0) {
      return -1;
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    return n;
  }

  /** Reads exactly {@code b.length} bytes, or as many as there are; returns how many. */
  int readFully(byte[] b) throws IOException {
    int done = 0;
    while (done < b.length) {
      int n = read(b, done, b.length - done);
      if (n < 0) {
        break;
      }
      done += n;
    }
    return done;
  }

  /**
   * Skips up to {@code n} bytes; returns how many were skipped (fewer only at the end of the
   * stream). Uses the stream's own {@code skip} (a seek, for files) for all but the last byte,
   * which is read, so that a stream that ends early is noticed even when its {@code skip} goes past
   * the end.
   */
  long skip(long n) throws IOException {
    long done = Math.min(n, limit - pos);
    pos += (int) done;
    if (done < n && !eof) {
      long want = n - done - 1;
      while (want > 0) {
        long s = in.skip(want);
        if (s <= 0) {
          break;
        }
        want -= s;
        done += s;
        base += s;
      }
    }
    while (done < n) {
      if (fill(1) == 0) {
        break;
      }
      int step = (int) Math.min(n - done, limit - pos);
      pos += step;
      done += step;
    }
    return done;
  }
}
