package io.github.chatexport.archive.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Finds the objects of a conversations file that is one JSON array of objects, by its structure
 * alone (strings, escapes, brackets), without parsing them: the bytes of each object exactly as
 * stored, their SHA-256 (what {@link io.github.chatexport.core.SourceListener} reports for them)
 * and the plain string values of its top-level {@code id} and {@code conversation_id}.
 *
 * <p>It does not check that the objects are valid JSON: an add uses it only to recognise objects
 * whose bytes it read before, and has the reader parse the others. A file of any other shape (a
 * byte order mark, a lone object, an element that is not an object, anything after the array), one
 * that ends early, and an object over the limit are {@link Step#UNSUITABLE}: the caller then reads
 * the file with the reader, which says what is wrong with it.
 */
public final class ObjectScanner {
  /** What {@link #next()} found. */
  public enum Step {
    /** An object: {@link #length()}, {@link #sha256()}, {@link #bytes()} describe it. */
    OBJECT,
    /** The array's end, and nothing after it but white space. */
    END,
    /** Not a plain array of objects, cut short, or an object over the limit. */
    UNSUITABLE
  }

  /** Bytes read at a time: what is read after an object is moved to the front with it. */
  private static final int CHUNK = 1 << 16;

  private static final byte[] ID = "id".getBytes(UTF_8);
  private static final byte[] CONVERSATION_ID = "conversation_id".getBytes(UTF_8);

  private final InputStream in;
  private final int limit;
  private final MessageDigest digest;

  /** The current object from index 0 (once found), then what was read after it. */
  private byte[] buf = new byte[CHUNK];

  private int filled;

  /** The length of the current object, 0 before one is found. */
  private int length;

  /** The stream offset of {@code buf[0]}. */
  private long offset;

  private boolean started;
  private boolean ended;
  private @Nullable String id;
  private @Nullable String conversationId;

  /**
   * A scanner over {@code in} (not closed by it) that finds objects of at most {@code limit} bytes.
   */
  public ObjectScanner(InputStream in, int limit) {
    this.in = in;
    this.limit = limit;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Moves to the next object of the array. After anything but {@link Step#OBJECT}, stop. */
  public Step next() throws IOException {
    if (ended) {
      return Step.UNSUITABLE;
    }
    drop(length);
    length = 0;
    id = null;
    conversationId = null;
    int p = skipSpace(0);
    if (p < 0) {
      return unsuitable();
    }
    if (!started) {
      started = true;
      if (buf[p] != '[') {
        return unsuitable();
      }
      p = skipSpace(p + 1);
      if (p < 0) {
        return unsuitable();
      }
      if (buf[p] == ']') {
        return end(p + 1);
      }
    } else if (buf[p] == ']') {
      return end(p + 1);
    } else if (buf[p] == ',') {
      p = skipSpace(p + 1);
      if (p < 0) {
        return unsuitable();
      }
    } else {
      return unsuitable();
    }
    if (buf[p] != '{') {
      return unsuitable();
    }
    drop(p);
    return scanObject() ? Step.OBJECT : unsuitable();
  }

  /** The current object's length in bytes. */
  public int length() {
    return length;
  }

  /** The stream offset just after the current object (or after what was read, at the end). */
  public long bytesRead() {
    return offset + length;
  }

  /** A copy of the current object's bytes. */
  public byte[] bytes() {
    return Arrays.copyOf(buf, length);
  }

  /** The hex SHA-256 of the current object's bytes. */
  public String sha256() {
    digest.update(buf, 0, length);
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Whether {@code conversationId} is the plain string value (no escapes) of the current object's
   * top-level {@code id} or {@code conversation_id}.
   */
  public boolean names(String conversationId) {
    return conversationId.equals(id) || conversationId.equals(this.conversationId);
  }

  private Step unsuitable() {
    ended = true;
    return Step.UNSUITABLE;
  }

  private Step end(int p) throws IOException {
    ended = true;
    return skipSpace(p) < 0 ? Step.END : Step.UNSUITABLE;
  }

  /**
   * The index of the first byte at or after {@code p} that is not white space, reading more as
   * needed; -1 at the end of the stream.
   */
  private int skipSpace(int p) throws IOException {
    while (true) {
      while (p < filled) {
        byte b = buf[p];
        if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
          return p;
        }
        p++;
      }
      drop(p);
      p = 0;
      if (!fill()) {
        return -1;
      }
    }
  }

  /** Forgets the first {@code n} bytes of the buffer. */
  private void drop(int n) {
    if (n > 0) {
      System.arraycopy(buf, n, buf, 0, filled - n);
      filled -= n;
      offset += n;
    }
  }

  /** Reads more into the buffer, growing it when full; false at the end of the stream. */
  private boolean fill() throws IOException {
    if (filled == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, filled, Math.min(CHUNK, buf.length - filled));
    if (n < 0) {
      return false;
    }
    filled += n;
    return true;
  }

  /**
   * Scans the object that starts at {@code buf[0]} to its closing brace; false if the stream ends
   * first or the object grows over the limit.
   */
  private boolean scanObject() throws IOException {
    int depth = 0;
    boolean inString = false;
    int stringStart = 0;
    boolean keyNext = false; // at depth 1, the next string is a key
    int wanted = 0; // 1: the value of "id" comes next at depth 1, 2: that of "conversation_id"
    boolean escaped = false; // the current string holds a backslash
    int p = 0;
    while (true) {
      if (p >= filled) {
        if (filled >= limit || !fill()) {
          return false;
        }
        continue;
      }
      byte b = buf[p];
      if (inString) {
        while (b != '"' && b != '\\' && ++p < filled) {
          b = buf[p]; // most of a file is the text of its strings
        }
        if (p >= filled) {
          continue;
        }
        if (b == '"') {
          inString = false;
          if (depth == 1) {
            if (keyNext) {
              keyNext = false;
              wanted = key(stringStart + 1, p);
            } else if (wanted != 0) {
              String value =
                  escaped ? null : new String(buf, stringStart + 1, p - stringStart - 1, UTF_8);
              if (wanted == 1) {
                id = value;
              } else {
                conversationId = value;
              }
              wanted = 0;
            }
          }
        } else if (b == '\\') {
          if (p + 1 >= filled) {
            if (filled >= limit || !fill()) {
              return false;
            }
            continue; // this backslash again, with the byte after it
          }
          escaped = true;
          p++;
        }
        p++;
        continue;
      }
      switch (b) {
        case '"' -> {
          inString = true;
          escaped = false;
          stringStart = p;
        }
        case '{', '[' -> {
          depth++;
          if (depth == 1) {
            keyNext = true;
          } else if (depth == 2) {
            wanted = 0; // a value that is no string
          }
        }
        case '}', ']' -> {
          depth--;
          if (depth == 0) {
            length = p + 1;
            return true;
          }
        }
        case ',' -> {
          if (depth == 1) {
            keyNext = true;
            wanted = 0;
          }
        }
        default -> {}
      }
      p++;
    }
  }

  /**
   * Which wanted key the bytes {@code buf[from, to)} are: 1 {@code id}, 2 {@code conversation_id}.
   */
  private int key(int from, int to) {
    if (Arrays.equals(buf, from, to, ID, 0, ID.length)) {
      return 1;
    }
    if (Arrays.equals(buf, from, to, CONVERSATION_ID, 0, CONVERSATION_ID.length)) {
      return 2;
    }
    return 0;
  }
}
