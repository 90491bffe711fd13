package io.github.chatexport.archive.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex. */
public final class Sha {
  private Sha() {}

  /** A new SHA-256 digest. */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Characters encoded at a time. */
  private static final int CHUNK = 8192;

  /** Per thread: a digest, and the buffers that {@link #update} encodes through. */
  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private static final class Buffers {
    final MessageDigest digest = digest();
    final char[] chars = new char[CHUNK];
    final byte[] bytes = new byte[CHUNK * 3];
  }

  /**
   * The hex SHA-256 of the UTF-8 bytes of {@code parts}, each followed by a NUL. The bytes are
   * those of {@link String#getBytes(java.nio.charset.Charset) getBytes(UTF_8)} (a lone surrogate
   * becomes {@code ?}), encoded a chunk at a time into buffers kept per thread, not into a new
   * array the size of the text, which costs more than the digest (half the time on a 20 MB export).
   */
  public static String of(String... parts) {
    Buffers b = BUFFERS.get();
    MessageDigest d = b.digest;
    d.reset();
    for (String part : parts) {
      update(b, part);
      d.update((byte) 0);
    }
    return hex(d.digest());
  }

  private static void update(Buffers b, String s) {
    char[] chars = b.chars;
    byte[] bytes = b.bytes;
    int n = s.length();
    int start = 0;
    while (start < n) {
      int end = Math.min(n, start + CHUNK);
      if (end < n && Character.isHighSurrogate(s.charAt(end - 1))) {
        end--; // a pair stays in one chunk
      }
      int len = end - start;
      s.getChars(start, end, chars, 0);
      int j = 0;
      for (int k = 0; k < len; k++) {
        char c = chars[k];
        if (c < 0x80) {
          bytes[j++] = (byte) c;
        } else if (c < 0x800) {
          bytes[j++] = (byte) (0xC0 | (c >> 6));
          bytes[j++] = (byte) (0x80 | (c & 0x3F));
        } else if (!Character.isSurrogate(c)) {
          bytes[j++] = (byte) (0xE0 | (c >> 12));
          bytes[j++] = (byte) (0x80 | ((c >> 6) & 0x3F));
          bytes[j++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)
            && k + 1 < len
            && Character.isLowSurrogate(chars[k + 1])) {
          int cp = Character.toCodePoint(c, chars[++k]);
          bytes[j++] = (byte) (0xF0 | (cp >> 18));
          bytes[j++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          bytes[j++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          bytes[j++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          bytes[j++] = '?'; // as String.getBytes encodes a lone surrogate
        }
      }
      b.digest.update(bytes, 0, j);
      start = end;
    }
  }

  /** Lower-case hex. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
