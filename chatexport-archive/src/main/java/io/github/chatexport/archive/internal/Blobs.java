package io.github.chatexport.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Files stored once by their SHA-256, in chunks of 1 MiB, so that neither storing nor reading holds
 * one whole.
 */
public final class Blobs {
  /** The size of a chunk. */
  public static final int CHUNK = 1 << 20;

  /** Something that opens the same bytes more than once. */
  @FunctionalInterface
  public interface Source {
    /** Opens the bytes; the caller closes the stream. */
    InputStream open() throws IOException;
  }

  private Blobs() {}

  /** The SHA-256 of everything {@code in} holds; closes it. */
  public static String sha256(InputStream in) throws IOException {
    MessageDigest d = Sha.digest();
    try (DigestInputStream digesting = new DigestInputStream(in, d)) {
      byte[] buffer = new byte[1 << 16];
      while (digesting.read(buffer) >= 0) {
        // only the digest is wanted
      }
    }
    return Sha.hex(d.digest());
  }

  /**
   * Stores the bytes of {@code source} unless a blob with their SHA-256 is stored; returns the
   * SHA-256, and in {@code added[0]} whether they were new.
   */
  public static String store(Connection connection, Source source, boolean[] added)
      throws IOException, SQLException {
    String sha;
    try (InputStream in = source.open()) {
      sha = sha256(in);
    }
    added[0] = false;
    if (exists(connection, sha)) {
      return sha;
    }
    long size = 0;
    MessageDigest check = Sha.digest();
    try (InputStream in = source.open();
        PreparedStatement chunk =
            connection.prepareStatement(
                "INSERT INTO blob_chunk(sha256, seq, data) VALUES (?, ?, ?)")) {
      byte[] buffer = new byte[CHUNK];
      int seq = 0;
      while (true) {
        int n = in.readNBytes(buffer, 0, CHUNK);
        if (n <= 0) {
          break;
        }
        check.update(buffer, 0, n);
        chunk.setString(1, sha);
        chunk.setInt(2, seq++);
        chunk.setBytes(3, n == CHUNK ? buffer : Arrays.copyOf(buffer, n));
        chunk.executeUpdate();
        size += n;
        if (n < CHUNK) {
          break;
        }
      }
    }
    if (!Sha.hex(check.digest()).equals(sha)) {
      throw new IOException("the file changed while it was being stored");
    }
    try (PreparedStatement blob =
        connection.prepareStatement("INSERT INTO blob(sha256, size) VALUES (?, ?)")) {
      blob.setString(1, sha);
      blob.setLong(2, size);
      blob.executeUpdate();
    }
    added[0] = true;
    return sha;
  }

  /** Whether a blob with this SHA-256 is stored. */
  public static boolean exists(Connection connection, String sha) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM blob WHERE sha256 = ?")) {
      s.setString(1, sha);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Reads a stored blob chunk by chunk; the caller closes the stream. */
  public static InputStream open(Connection connection, String sha) {
    return new InputStream() {
      private int seq;
      private byte @Nullable [] chunk = new byte[0];
      private int at;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        while (chunk != null && at >= chunk.length) {
          chunk = next();
          at = 0;
        }
        byte[] c = chunk;
        if (c == null) {
          return -1;
        }
        int n = Math.min(len, c.length - at);
        System.arraycopy(c, at, b, off, n);
        at += n;
        return n;
      }

      private byte @Nullable [] next() throws IOException {
        try (PreparedStatement s =
            connection.prepareStatement(
                "SELECT data FROM blob_chunk WHERE sha256 = ? AND seq = ?")) {
          s.setString(1, sha);
          s.setInt(2, seq++);
          try (ResultSet r = s.executeQuery()) {
            return r.next() ? r.getBytes(1) : null;
          }
        } catch (SQLException e) {
          throw new IOException("the archive could not be read", e);
        }
      }
    };
  }
}
