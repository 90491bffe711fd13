package io.github.chatexport.archive.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

  /** Per thread: a digest, and the encoder and buffers that {@link #update} encodes through. */
  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private static final class Buffers {
    final MessageDigest digest = digest();
    // as String.getBytes encodes: a lone surrogate becomes '?'
    final CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    final char[] chars = new char[CHUNK];
    final ByteBuffer bytes = ByteBuffer.allocate(CHUNK * 3);
  }

  /**
   * The hex SHA-256 of the UTF-8 bytes of {@code parts}, each followed by a NUL. The bytes are
   * those of {@link String#getBytes(java.nio.charset.Charset) getBytes(UTF_8)} (a lone surrogate
   * becomes {@code ?}), encoded by the JDK's encoder a chunk at a time into buffers kept per
   * thread, not into a new array of three bytes a char for each text, then copied again.
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
    int n = s.length();
    int start = 0;
    while (start < n) {
      int end = Math.min(n, start + CHUNK);
      if (end < n && Character.isHighSurrogate(s.charAt(end - 1))) {
        end--; // a pair stays in one chunk: each chunk is encoded as a whole text
      }
      s.getChars(start, end, b.chars, 0);
      b.encoder.reset();
      b.bytes.clear();
      CharBuffer in = CharBuffer.wrap(b.chars, 0, end - start);
      // the output holds three bytes a char, the most UTF-8 takes: never overflows
      b.encoder.encode(in, b.bytes, true);
      b.encoder.flush(b.bytes);
      b.digest.update(b.bytes.array(), 0, b.bytes.position());
      start = end;
    }
  }

  /** Lower-case hex. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
