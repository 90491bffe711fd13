package io.github.chatexport.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A JSON array, as UTF-8 bytes, of the JSON texts a source gives one by one: read lazily, one
 * element held.
 */
public final class JsonArrayInput extends InputStream {
  /** Gives the next element's JSON text, or null at the end. */
  @FunctionalInterface
  public interface Elements {
    /** The next element, or null. */
    @Nullable String next() throws IOException;
  }

  private final Elements elements;
  private byte[] buffer = "[".getBytes(StandardCharsets.UTF_8);
  private int at;
  private boolean first = true;
  private boolean done;

  /** An array of what {@code elements} gives. */
  public JsonArrayInput(Elements elements) {
    this.elements = elements;
  }

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
    while (at >= buffer.length) {
      if (done) {
        return -1;
      }
      String next = elements.next();
      if (next == null) {
        done = true;
        buffer = "]\n".getBytes(StandardCharsets.UTF_8);
      } else {
        buffer = ((first ? "\n" : ",\n") + next).getBytes(StandardCharsets.UTF_8);
        first = false;
      }
      at = 0;
    }
    int n = Math.min(len, buffer.length - at);
    System.arraycopy(buffer, at, b, off, n);
    at += n;
    return n;
  }
}
