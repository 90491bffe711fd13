package io.github.chatexport.archive.internal;

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

  /** The hex SHA-256 of the UTF-8 bytes of {@code parts}, each followed by a NUL. */
  public static String of(String... parts) {
    MessageDigest d = digest();
    for (String part : parts) {
      d.update(part.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
    }
    return hex(d.digest());
  }

  /** Lower-case hex. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
