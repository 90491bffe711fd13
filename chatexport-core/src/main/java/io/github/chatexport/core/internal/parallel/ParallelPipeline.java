package io.github.chatexport.core.internal.parallel;

import com.fasterxml.jackson.core.JsonFactory;
import io.github.chatexport.core.internal.config.ReaderConfig;
import io.github.chatexport.core.internal.parse.ConversationFile;
import io.github.chatexport.core.internal.source.ExportSource;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The threads of a parallel pass: one thread reads and cuts the conversation files ({@link
 * PieceReader}), a pool parses the pieces ({@link PieceParser}), and the consumer takes them back
 * in file order ({@link InFileOrder}). A bounded queue of the pool's results, in the order the
 * pieces were cut, holds a small window of pieces, so memory stays bounded by a few pieces and the
 * largest conversation.
 */
final class ParallelPipeline implements AutoCloseable {
  private final ExecutorService pool;
  private final BlockingQueue<Future<Batch>> queue;
  private final PieceReader cutter;
  private final Thread reader;
  private final InFileOrder inOrder;

  ParallelPipeline(
      ExportSource source,
      List<String> files,
      ConversationFile.@Nullable Filter filter,
      ReaderConfig config,
      JsonFactory factory,
      int threads) {
    PieceParser parser = new PieceParser(source, filter, config, factory);
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "chatexport-parse-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.queue = new ArrayBlockingQueue<>(threads + 1);
    this.inOrder = new InFileOrder(this::next, parser, source);
    this.cutter =
        new PieceReader(
            source,
            files,
            filter,
            config,
            new PieceReader.Handoff() {
              @Override
              public void piece(Piece piece) throws InterruptedException {
                queue.put(pool.submit(() -> parser.parse(piece)));
              }

              @Override
              public void batch(Batch batch) throws InterruptedException {
                queue.put(CompletableFuture.completedFuture(batch));
              }
            });
    this.reader = new Thread(cutter::readAll, "chatexport-read");
    reader.setDaemon(true);
    reader.start();
  }

  /** The next batch in file order, or null when every file is done. */
  @Nullable Batch take() {
    return inOrder.take();
  }

  private @Nullable Batch next() {
    try {
      Batch b = queue.take().get();
      return b.file.isEmpty() ? null : b;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading conversations", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    }
  }

  @Override
  public void close() {
    cutter.stop();
    reader.interrupt();
    pool.shutdownNow();
    queue.clear();
  }
}
