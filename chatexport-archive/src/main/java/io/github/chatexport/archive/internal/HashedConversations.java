package io.github.chatexport.archive.internal;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.core.ExportWriter;
import io.github.chatexport.core.SourceListener;
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
 * One pass over a reader's conversations on threads of their own, handing them to the caller's
 * thread in the order read, each with what recognises it: the SHA-256 of its bytes, which the
 * reader tells as it parses them ({@link SourceListener}), or, for a conversation it does not tell
 * of (chat.html's), its JSON written back and hashed (work that needs no database), so that the
 * caller spends its time on SQLite.
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

  /**
   * A conversation and how it can be recognised: the SHA-256 of the bytes it was read from, when
   * the reader told it (then nothing else was computed), else its JSON as {@link
   * ExportWriter#toJson} writes it and that JSON's hash.
   *
   * @param sourceSha256 the hex SHA-256 of its bytes in the export (see {@link SourceListener}), or
   *     null
   * @param json its JSON, or null when only {@code sourceSha256} is given
   * @param sha256 the hex SHA-256 of {@code json}, or null when only {@code sourceSha256} is given
   * @param cut {@code json} cut into its shell and nodes ({@link JsonParts#cut}), or null when only
   *     {@code sourceSha256} is given
   * @param size about how many bytes of the export it took
   * @param bytesRead the bytes of conversation files read when it was delivered
   */
  public record Hashed(
      Conversation conversation,
      @Nullable String sourceSha256,
      @Nullable String json,
      @Nullable String sha256,
      JsonParts.@Nullable Cut cut,
      long size,
      long bytesRead) {}

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

  private HashedConversations(ExportReader reader, boolean writeBackAll) {
    thread = new Thread(() -> run(reader, writeBackAll), "chatexport-archive-pass");
    thread.setDaemon(true);
  }

  /**
   * Starts the pass over {@code reader}'s conversations: only those whose bytes the reader does not
   * tell are written back and hashed.
   */
  public static HashedConversations start(ExportReader reader) {
    return start(reader, false);
  }

  /**
   * Starts the pass over {@code reader}'s conversations; with {@code writeBackAll}, every
   * conversation is written back and hashed, its bytes' hash given too (for an archive that holds
   * none of them yet, where each would be written back anyway).
   */
  public static HashedConversations start(ExportReader reader, boolean writeBackAll) {
    HashedConversations pass = new HashedConversations(reader, writeBackAll);
    pass.thread.start();
    return pass;
  }

  // identity on purpose: the reader told of the very conversation it then delivers
  @SuppressWarnings("ReferenceEquality")
  private void run(ExportReader reader, boolean writeBackAll) {
    FutureTask<@Nullable Hashed> last = new FutureTask<>(() -> null);
    Told told = new Told();
    try (Stream<Conversation> all =
        reader.conversations((conversations, bytes, total) -> bytesRead.set(bytes), told)) {
      long before = 0;
      for (Iterator<Conversation> it = all.iterator(); it.hasNext() && !closed; ) {
        Conversation c = it.next();
        long bytes = bytesRead.get();
        long size = Math.max(0, bytes - before);
        before = bytes;
        String source = told.conversation == c ? told.sha256 : null;
        told.conversation = null;
        boolean recognisable = source != null && !writeBackAll;
        FutureTask<@Nullable Hashed> task =
            recognisable
                ? new FutureTask<>(() -> new Hashed(c, source, null, null, null, size, bytes))
                : new FutureTask<>(() -> hash(c, source, size, bytes));
        queue.put(task); // in the order read, before it runs: the queue's order is the pass's
        if (recognisable) {
          task.run(); // nothing to compute
        } else {
          hashers.execute(task);
        }
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

  private static Hashed hash(Conversation c, @Nullable String source, long size, long bytesRead) {
    String json = ExportWriter.toJson(c);
    return new Hashed(c, source, json, Sha.of(json), JsonParts.cut(json), size, bytesRead);
  }

  /** The reader's last word on the bytes of a conversation, kept until it is delivered. */
  private static final class Told implements SourceListener {
    @Nullable Conversation conversation;
    @Nullable String sha256;

    @Override
    public void read(Conversation conversation, String file, byte[] sha256) {
      this.conversation = conversation;
      this.sha256 = Sha.hex(sha256);
    }
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
