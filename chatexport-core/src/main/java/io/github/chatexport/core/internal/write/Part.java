package io.github.chatexport.core.internal.write;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One file written into a stream that holds more (or that stays the caller's): closing it ends the
 * file ({@code end}), never the stream.
 */
final class Part extends FilterOutputStream {
  /** An action on close that may fail. */
  @FunctionalInterface
  interface Closer {
    void close() throws IOException;
  }

  private final Closer end;

  Part(OutputStream out, Closer end) {
    super(out);
    this.end = end;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  @Override
  public void close() throws IOException {
    end.close();
  }
}
