package io.github.chatexport.archive.internal;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.core.ExportWriter;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One pass over a reader's conversations on threads of their own, which also write each back to
 * JSON and hash it (work that needs no database), handing them to the caller's thread in the order
 * read: the caller spends its time on SQLite while the other core does the rest.
 *
 * <p>One thread runs the pass; {@link #HASHERS} threads write and hash, so that neither waits for
 * the other. At most {@link #IN_FLIGHT} conversations are read and not yet {@linkplain #next()
 * taken}, so memory stays bounded by a few times the largest conversation. Whatever the pass throws
 * (a damaged export's error, after every conversation before the damage) is thrown by {@link
 * #next()} once those conversations are taken. {@link #close()} stops the pass and waits for its
 * thread; nothing of the reader is used after it returns.
 */
public final class HashedConversations implements AutoCloseable {
  /** Conversations read and not yet taken, at most. */
  static final int IN_FLIGHT = 8;

  /** Threads that write conversations back to JSON and hash them. */
  static final int HASHERS = 2;

  /** A conversation, its JSON as {@link ExportWriter#toJson} writes it, and that JSON's hash. */
  public record Hashed(Conversation conversation, String json, String sha256, long bytesRead) {}

  private final BlockingQueue<Future<@Nullable Hashed>> queue = new ArrayBlockingQueue<>(IN_FLIGHT);
  private final ExecutorService hashers =
      Executors.newFixedThreadPool(
          HASHERS,
          r -> {
            Thread t = new Thread(r, "chatexport-archive-hash");
            t.setDaemon(true);
            return t;
          });
  private final AtomicLong bytesRead = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;
  private boolean ended;

  private HashedConversations(ExportReader reader) {
    thread = new Thread(() -> run(reader), "chatexport-archive-pass");
    thread.setDaemon(true);
  }

  /** Starts the pass over {@code reader}'s conversations. */
  public static HashedConversations start(ExportReader reader) {
    HashedConversations pass = new HashedConversations(reader);
    pass.thread.start();
    return pass;
  }

  private void run(ExportReader reader) {
    FutureTask<@Nullable Hashed> last = new FutureTask<>(() -> null);
    try (Stream<Conversation> all =
        reader.conversations((conversations, bytes, total) -> bytesRead.set(bytes))) {
      for (Iterator<Conversation> it = all.iterator(); it.hasNext() && !closed; ) {
        Conversation c = it.next();
        long bytes = bytesRead.get();
        FutureTask<@Nullable Hashed> task = new FutureTask<>(() -> hash(c, bytes));
        queue.put(task); // in the order read, before it runs: the queue's order is the pass's
        hashers.execute(task);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // closed: nobody takes what follows
    } catch (RuntimeException | Error e) {
      last =
          new FutureTask<>(
              () -> {
                throw e;
              });
    }
    last.run();
    try {
      queue.put(last);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Hashed hash(Conversation c, long bytesRead) {
    String json = ExportWriter.toJson(c);
    return new Hashed(c, json, Sha.of(json), bytesRead);
  }

  /**
   * The next conversation, or null after the last.
   *
   * @throws RuntimeException what the pass threw (a {@link
   *     io.github.chatexport.core.ChatExportException} for damage), once every conversation read
   *     before it was taken
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public @Nullable Hashed next() throws InterruptedException {
    if (ended) {
      return null;
    }
    Future<@Nullable Hashed> next = queue.take();
    try {
      Hashed h = next.get();
      if (h == null) {
        ended = true;
      }
      return h;
    } catch (ExecutionException e) {
      ended = true;
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** The bytes of conversation files read so far, as the reader last said. */
  public long bytesRead() {
    return bytesRead.get();
  }

  /** Stops the pass (when it has not ended) and waits for its threads to end. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    boolean interrupted = false;
    while (true) {
      queue.clear(); // a pass waiting to put goes on, sees closed and stops
      try {
        thread.join(100);
      } catch (InterruptedException e) {
        interrupted = true;
      }
      if (!thread.isAlive()) {
        break;
      }
    }
    hashers.shutdownNow();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
