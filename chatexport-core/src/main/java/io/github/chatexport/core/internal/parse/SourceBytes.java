package io.github.chatexport.core.internal.parse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The stream a conversation file's parser reads, which keeps what it hands over from a given offset
 * on (the start of the conversation being parsed), so that the bytes of that conversation's JSON
 * object can be hashed once it is parsed. What is kept is one conversation and the parser's
 * read-ahead; a conversation of more than {@link #LIMIT} bytes is not kept (and not hashed).
 * Offsets are those of jackson's byte parser ({@code getByteOffset()}), counted from the stream's
 * first byte.
 */
final class SourceBytes extends FilterInputStream {
  /** The bytes of one conversation kept at most. */
  static final int LIMIT = 64 << 20;

  private final int limit;
  private final MessageDigest digest;
  private byte[] buffer = new byte[0];

  /** The offset in the stream of {@code buffer[0]}. */
  private long base;

  private int length;

  /** Whether what {@link #keepFrom} asked for grew over the limit and is not kept. */
  private boolean over;

  SourceBytes(InputStream in) {
    this(in, LIMIT);
  }

  /** Keeps at most {@code limit} bytes of one conversation. */
  SourceBytes(InputStream in, int limit) {
    super(in);
    this.limit = limit;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      keep(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      keep(b, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // read, not skipped: every byte handed over is kept in order
    byte[] scratch = new byte[(int) Math.min(n, 8192)];
    int read = n <= 0 ? 0 : read(scratch, 0, scratch.length);
    return Math.max(0, read);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void keep(byte[] b, int off, int n) {
    if (over) {
      base += n;
      return;
    }
    if ((long) length + n > limit) {
      over = true;
      base += length + (long) n;
      length = 0;
      return;
    }
    if (length + n > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.min(limit, Math.max(length + n, buffer.length * 2)));
    }
    System.arraycopy(b, off, buffer, length, n);
    length += n;
  }

  /** Forgets what was handed over before {@code offset}; keeps what follows. */
  void keepFrom(long offset) {
    if (over) {
      over = false; // base is the offset of the next byte to be read, past the object not kept
      return;
    }
    int drop = (int) Math.max(0, Math.min(length, offset - base));
    if (drop > 0) {
      System.arraycopy(buffer, drop, buffer, 0, length - drop);
      length -= drop;
      base += drop;
    }
  }

  /**
   * The SHA-256 of the bytes from {@code start} to {@code end} (stream offsets), or null when they
   * are not all kept (too many, or an offset the parser could not give).
   */
  byte @Nullable [] sha256(long start, long end) {
    if (over || start < base || end < start || end > base + length) {
      return null;
    }
    digest.reset();
    digest.update(buffer, (int) (start - base), (int) (end - start));
    return digest.digest();
  }
}
