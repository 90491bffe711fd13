package io.github.chatexport.core.internal.write;

import java.io.IOException;
import java.io.OutputStream;

/** One stream: a single conversations file. */
final class StreamSink implements Sink {
  private final OutputStream out;
  private final boolean owned;

  /** Writes onto {@code out}; closes it at the end if {@code owned}, else only flushes it. */
  StreamSink(OutputStream out, boolean owned) {
    this.out = out;
    this.owned = owned;
  }

  @Override
  public OutputStream begin(String name) {
    return new Part(out, out::flush);
  }

  @Override
  public void close() throws IOException {
    if (owned) {
      out.close();
    } else {
      out.flush();
    }
  }
}
