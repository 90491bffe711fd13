package io.github.chatexport.archive.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work done on another thread, as the archive's I/O does. */
public final class Futures {
  private Futures() {}

  /**
   * The result of {@code work}: what its task threw ({@link IOException}, unchecked exception or
   * error) is thrown as it was; an interrupt is an {@link InterruptedIOException} (the thread's
   * interrupt flag set again).
   *
   * @param what what is being waited for, for the interrupt's message ("hashing the export")
   */
  public static <T> T await(Future<T> work, String what) throws IOException {
    try {
      return work.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while " + what);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    }
  }
}
