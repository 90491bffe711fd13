package io.github.chatexport.core.internal.write;

import java.io.IOException;
import java.io.OutputStream;

/** Where a writer's files go: a stream, a folder or a ZIP. */
interface Sink {
  /** A stream for the file {@code name}; closing it ends the file. */
  OutputStream begin(String name) throws IOException;

  /** Releases the target: closes it, or flushes a stream that stays the caller's. */
  void close() throws IOException;
}
