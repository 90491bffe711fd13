package io.github.chatexport.core.internal.parallel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Location;
import io.github.chatexport.api.Warning;
import io.github.chatexport.api.internal.Graph;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.internal.config.ReaderConfig;
import io.github.chatexport.core.internal.html.HtmlExportScanner;
import io.github.chatexport.core.internal.json.Json;
import io.github.chatexport.core.internal.json.Problems;
import io.github.chatexport.core.internal.parse.ConversationFile;
import io.github.chatexport.core.internal.source.CountingInputStream;
import io.github.chatexport.core.internal.source.ExportSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Parallel reading: one thread reads the conversation files in order (inflating them, when they
 * come from a ZIP) and cuts them into pieces of about {@value #PIECE_BYTES} bytes; a pool parses
 * the pieces (and analyzes each conversation's tree, while its nodes are in that core's cache); the
 * consumer takes them back in file order. A bounded queue holds a small window of pieces, so memory
 * stays bounded by a few pieces and the largest conversation.
 *
 * <p>The cutter does not scan every byte to find where conversations end: past the mark it looks
 * for where the next conversation probably starts, {@code }, {"k1": …, "k2":} with the first two
 * keys of the file's first conversation (a quote preceded by a brace is never inside a string). The
 * guess is checked by the parses themselves: the first piece starts at the array, and a piece whose
 * parse ends exactly at its end proves that the next piece starts at a conversation. A piece whose
 * parse fails at its end was cut inside a conversation: the consumer parses it again joined to the
 * pieces after it. So the guess costs time when wrong, never correctness.
 *
 * <p>Locations are shifted from the piece to the file (each piece knows the offset, line and column
 * of its first byte) and the conversations' indexes in the file are set when the pieces are taken
 * in order, so warnings and errors say exactly where, as a serial read does.
 */
@SuppressWarnings("ReferenceEquality") // ByteCutter.MORE is a sentinel, compared by identity
final class ParallelPipeline implements AutoCloseable {
  private static final int PIECE_BYTES = 1 << 20;
  private static final int READ_BYTES = 1 << 16;

  /**
   * Past this many bytes beyond the mark with no cut before two conversation keys (a file whose
   * conversations start with keys no export has had), any {@code },{"} is tried: a piece stays
   * bounded, and a wrong cut costs a parse again, not correctness.
   */
  private static final int STRONG_SEARCH = 16 << 20;

  private final ExportSource source;
  private final List<String> files;
  private final ConversationFile.@Nullable Filter filter;
  private final ReaderConfig config;
  private final JsonFactory factory;
  private final ExecutorService pool;
  private final BlockingQueue<Future<Batch>> queue;
  private final Thread reader;
  private volatile boolean closed;

  /** The consumer's state: a batch taken while joining pieces, to be delivered next. */
  private @Nullable Batch pending;

  /** The consumer's state: the index in its file of each piece's first element. */
  private final Renumbering renumbering = new Renumbering();

  /** The consumer's state: a batch taken while joining pieces, to be delivered next. */
  ParallelPipeline(
      ExportSource source,
      List<String> files,
      ConversationFile.@Nullable Filter filter,
      ReaderConfig config,
      JsonFactory factory,
      int threads) {
    this.source = source;
    this.files = files;
    this.filter = filter;
    this.config = config;
    this.factory = factory;
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
    this.reader = new Thread(this::readAll, "chatexport-read");
    reader.setDaemon(true);
    reader.start();
  }

  /** The next batch in file order, or null when every file is done. */
  @Nullable Batch take() {
    Batch b = following();
    while (b != null && b.cutInside) {
      b = rejoin(b);
    }
    return b == null ? null : renumbering.numbered(b);
  }

  /** A batch put back by {@link #rejoin}, else the next from the queue. */
  private @Nullable Batch following() {
    Batch b = pending;
    if (b != null) {
      pending = null;
      return b;
    }
    return next();
  }

  /**
   * A piece cut inside a conversation, parsed again joined to the pieces after it, until it is at
   * least twice as long (or its file ends): a run of wrong cuts, which only a file made to fool the
   * cutter would have, then costs a parse of each byte a few times, not once per wrong cut. Returns
   * the joined batch, which may be cut inside again, or, when no piece follows, the batch with its
   * error, which then stands.
   */
  private Batch rejoin(Batch cut) {
    Piece first = Objects.requireNonNull(cut.piece, "only a parsed piece is cut inside");
    Piece last = null;
    List<Piece> run = new ArrayList<>();
    long length = first.length();
    while (length < 2L * first.length()) {
      Batch b = following();
      if (b == null || b.piece == null || !b.file.equals(cut.file)) {
        if (b != null
            && b.piece == null
            && b.file.equals(cut.file)
            && b.error != null
            && last == null) {
          cut.error =
              b.error; // the cutter met damage right after the piece: that is the file's error
        } else {
          pending = b;
        }
        break;
      }
      last = b.piece;
      run.add(last);
      length += last.length();
      if (last.last()) {
        break;
      }
    }
    if (last == null) {
      cut.cutInside = false;
      return cut;
    }
    try {
      run.add(0, first);
      return parse(join(run, Math.toIntExact(length)));
    } catch (ArithmeticException e) {
      cut.error =
          new ChatExportException(
              "a conversation is longer than 2 GB, which cannot be read in parallel",
              new Location(
                  source.file(),
                  source.locationEntry(cut.file),
                  first.line(),
                  first.column(),
                  first.offset(),
                  "$",
                  null),
              e);
      cut.cutInside = false;
      return cut;
    }
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

  /** Pieces that follow each other in their file, as one: {@code length} bytes in all. */
  private static Piece join(List<Piece> run, int length) {
    byte[] data = new byte[Math.addExact(length, 2)];
    int at = 1;
    for (Piece p : run) {
      if (!p.last()) {
        p.data()[p.separator()] = ','; // the parse of the piece had put a bracket there
      }
      System.arraycopy(p.data(), 1, data, at, p.length());
      at += p.length();
    }
    Piece first = run.get(0);
    Piece last = run.get(run.size() - 1);
    return new Piece(
        first.file(),
        data,
        length,
        last.last() ? -1 : length - last.length() + last.separator(),
        last.last(),
        first.offset(),
        first.line(),
        first.column(),
        last.bytesEnd(),
        last.damage());
  }

  private void put(Future<Batch> batch) throws InterruptedException {
    queue.put(batch);
  }

  private void readAll() {
    try {
      for (String file : files) {
        if (closed) {
          return;
        }
        try {
          readFile(file);
        } catch (RejectedExecutionException e) {
          return; // the pass was closed while this file was being cut
        } catch (RuntimeException e) {
          // Not expected; delivered as the file's damage rather than lost on this thread.
          Batch b = new Batch(file);
          b.error =
              e instanceof ChatExportException c
                  ? c
                  : new ChatExportException(
                      "the input could not be read (" + e.getClass().getSimpleName() + ")",
                      new Location(
                          source.file(), source.locationEntry(file), -1, -1, -1, "$", null),
                      e);
          put(CompletableFuture.completedFuture(b));
        }
      }
      put(CompletableFuture.completedFuture(new Batch("")));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Reads one file and cuts it into pieces. Before the first piece only the array's opening bracket
   * is looked for (and the first conversation's first keys, for the cuts); then bytes are read
   * straight into the piece being filled, and only line breaks are counted, so that each piece
   * knows the line and column of its first byte.
   */
  private void readFile(String file) throws InterruptedException {
    Problems problems = new Problems(source.file(), source.locationEntry(file), config.strict());
    long[] counted = new long[1];
    try (InputStream raw = new CountingInputStream(source.open(file), b -> counted[0] += b);
        InputStream in = filter == null ? raw : filter.apply(raw)) {
      byte[] buf = new byte[PIECE_BYTES + READ_BYTES];
      int used = 0;
      // Up to the array's bracket: a byte order mark, white space.
      int i = 0;
      long line = 1;
      long lineStart = 0;
      boolean afterCr = false;
      boolean bom = false;
      long read = 0; // bytes read (from the filter, if any: offsets are in what the parser sees)
      long before = 0; // the offset of buf[0]
      while (true) {
        if (i == used) {
          int n;
          try {
            n = in.read(buf, 0, buf.length);
          } catch (IOException e) {
            if (!source.rereadable()) {
              throw e;
            }
            // Damage before the array's first byte: nothing of the file has been handed out, so the
            // consumer reads it serially, and meets the damage exactly where a serial read does.
            toSerial(file);
            return;
          }
          if (n < 0 && ConversationFile.emptyMeansNone(source)) {
            return; // an empty conversation file in an export: no conversation
          }
          if (n < 0) {
            if (source.rereadable()) {
              // Only white space: the consumer reads the file serially, and places the error as the
              // parser does (which counts a lone '\r' as a line break).
              toSerial(file);
              return;
            }
            fail(
                file,
                problems,
                "the file is empty; expected an array of conversations",
                line,
                i - lineStart + 1,
                i,
                "$");
            return;
          }
          // Bytes before the bracket are dropped as they are passed; offsets, and so lineStart,
          // count from the
          // file's start.
          used = n;
          i = 0;
          before = read;
          read += n;
          if (before == 0 && source.rereadable() && zeroIn(buf, Math.min(4, n))) {
            // A NUL among the first four bytes: jackson's serial parser may take the file for
            // UTF-16 or UTF-32, so the consumer reads it serially and meets it as a serial read
            // does.
            toSerial(file);
            return;
          }
        }
        byte b = buf[i];
        long offset = before + i;
        if (!bom
            && offset == 0
            && used >= 3
            && (b & 0xFF) == 0xEF
            && (buf[1] & 0xFF) == 0xBB
            && (buf[2] & 0xFF) == 0xBF) {
          bom = true;
          i += 3;
          continue;
        }
        if (b == '\n' || b == '\r') {
          // As jackson counts: "\r\n" is one line break, a lone '\r' too.
          if (b == '\r' || !afterCr) {
            line++;
          }
          afterCr = b == '\r';
          lineStart = offset + 1;
          i++;
          continue;
        }
        afterCr = false;
        if (b == ' ' || b == '\t') {
          i++;
          continue;
        }
        if (b != '[' && source.rereadable()) {
          // Not a plain array (a wrapped {"conversations": [...]}, or damage): the consumer reads
          // the file serially, and so meets it exactly as a serial read does.
          toSerial(file);
          return;
        }
        if (b != '[') {
          fail(
              file,
              problems,
              b == '{'
                  ? "expected an array of conversations, found an object"
                  : "expected an array of conversations, found " + ByteCutter.what(b),
              line,
              offset - lineStart + 1,
              offset,
              "$");
          return;
        }
        break;
      }
      // buf[i] is the bracket: it becomes the free byte before the first piece.
      long base = before + i; // the file offset of buf[0]
      System.arraycopy(buf, i, buf, 0, used - i);
      used -= i;
      String learned = null;
      boolean keysKnown = false;
      int search = 1 + PIECE_BYTES;
      IOException damage = null;
      while (!closed) {
        if (!keysKnown && (used >= 1 + 4096 || used > search)) {
          String keys = ByteCutter.firstKeys(buf, 1, used);
          learned = keys == ByteCutter.MORE ? null : keys;
          keysKnown = true;
        }
        if (used > search) {
          int cut =
              ByteCutter.findCut(
                  buf, search, used, learned, used - 1 - PIECE_BYTES > STRONG_SEARCH);
          if (cut > 0) {
            int separator = ByteCutter.separator(buf, cut);
            long[] lines = ByteCutter.countLines(buf, 1, cut, base, line, lineStart, afterCr);
            // A piece gets an array of its own size: its batch keeps it until taken, in case of a
            // join.
            Piece piece =
                new Piece(
                    file,
                    Arrays.copyOf(buf, cut),
                    cut - 1,
                    separator,
                    false,
                    base + 1,
                    line,
                    base + 1 - lineStart + 1,
                    counted[0]);
            line = lines[0];
            lineStart = lines[1];
            afterCr = lines[2] != 0;
            submit(piece);
            int rest = used - cut;
            byte[] next =
                buf.length > 2 * (PIECE_BYTES + READ_BYTES) && rest < PIECE_BYTES
                    ? new byte[PIECE_BYTES + READ_BYTES]
                    : buf; // smaller again after a long conversation
            System.arraycopy(buf, cut, next, 1, rest);
            buf = next;
            base += cut - 1;
            used = rest + 1;
            search = 1 + PIECE_BYTES;
            continue;
          }
          search = -cut;
        }
        if (buf.length - used < READ_BYTES) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n;
        try {
          n = in.read(buf, used, buf.length - used);
        } catch (IOException e) {
          // The bytes read so far are parsed as the file's last piece, which ends with this damage:
          // as in a
          // serial read, what comes before it is delivered, and damage within those bytes comes
          // first.
          damage = e;
          break;
        }
        if (n < 0) {
          break;
        }
        used += n;
      }
      if (closed) {
        return;
      }
      submit(
          new Piece(
              file,
              buf,
              used - 1,
              -1,
              true,
              base + 1,
              line,
              base + 1 - lineStart + 1,
              counted[0],
              damage));
    } catch (IOException e) {
      Batch b = new Batch(file);
      b.error = Json.translate(e, null, problems, null);
      put(CompletableFuture.completedFuture(b));
    }
  }

  /**
   * Leaves {@code file} to the consumer, which reads it serially and so meets whatever made this
   * pass give it up exactly as a serial read does.
   */
  private void toSerial(String file) throws InterruptedException {
    Batch serial = new Batch(file);
    serial.serial = true;
    put(CompletableFuture.completedFuture(serial));
  }

  private static boolean zeroIn(byte[] buf, int n) {
    for (int k = 0; k < n; k++) {
      if (buf[k] == 0) {
        return true;
      }
    }
    return false;
  }

  private void fail(
      String file,
      Problems problems,
      String problem,
      long line,
      long column,
      long offset,
      String path)
      throws InterruptedException {
    Batch b = new Batch(file);
    b.error =
        new ChatExportException(
            problem,
            new Location(problems.file(), problems.entry(), line, column, offset, path, null),
            null);
    put(CompletableFuture.completedFuture(b));
  }

  private void submit(Piece piece) throws InterruptedException {
    put(pool.submit(() -> parse(piece)));
  }

  /**
   * Parses a piece as one array: the bracket before it and the one that replaces its separator (the
   * last piece keeps the file's own). Elements are read as a serial read reads them; paths say
   * {@code $[i]} for the i-th element of the piece, until {@link Renumbering} gives them their
   * index in the file.
   */
  private Batch parse(Piece piece) {
    Batch batch = new Batch(piece.file());
    batch.piece = piece;
    batch.bytesEnd = piece.bytesEnd();
    byte[] data = piece.data();
    data[0] = '[';
    int to;
    if (piece.last()) {
      to = piece.length() + 1;
    } else {
      data[piece.separator()] = ']';
      to = piece.separator() + 1;
    }
    // Parser offset 1 (line 1, column 2) is the piece's first byte.
    Problems problems =
        new Problems(
            source.file(),
            source.locationEntry(piece.file()),
            config.strict(),
            new Problems.Shift(piece.line(), piece.column(), piece.offset(), 1, 2, 1));
    IOException damage = piece.damage();
    JsonParser p = null;
    try {
      // A last piece that ends with damage is read as a stream that throws the damage when the
      // parser asks for more than its bytes: the parser meets it exactly where a serial read does
      // (say, while looking for a digit after a number's point), which its location cannot tell.
      p =
          damage == null
              ? factory.createParser(data, 0, to)
              : Json.utf8Parser(factory, new DamagedBytes(data, to, damage));
      if (filter != null) {
        p = HtmlExportScanner.unescaping(p);
      }
      p.nextToken(); // the bracket before the piece
      Consumer<Warning> exportWarning =
          w -> {
            batch.exportWarnings.add(w);
            batch.exportWarningsAfter.add(batch.conversations.size());
          };
      for (JsonToken t = ConversationFile.nextElement(p, problems, exportWarning);
          t != JsonToken.END_ARRAY;
          t = ConversationFile.nextElement(p, problems, exportWarning)) {
        if (t == JsonToken.START_OBJECT) {
          Conversation c = ConversationFile.conversation(p, problems, config);
          // The tree is analyzed here, while its nodes are in this core's cache, rather than by the
          // consumer.
          Graph.of(c.nodes());
          batch.conversations.add(c);
        }
        batch.elements++; // a conversation, or a value skipped with a warning
      }
      // A piece's array ends at its separator, or at the file's own bracket in the last piece
      // (after which only a filtered source, chat.html, may go on). A serial read looks past the
      // array for more, and so meets the damage, if any.
      if (p.nextToken() != null && (filter == null || !piece.last())) {
        throw ConversationFile.contentAfterArray(p, problems);
      }
    } catch (IOException x) {
      // Jackson's errors, and the damage at the end of the bytes, placed where those end.
      batch.error = Json.translate(x, p, problems, null, to);
    } catch (ChatExportException x) {
      batch.error = x;
    } finally {
      if (p != null) {
        try {
          p.close();
        } catch (IOException ignored) {
          // a byte array
        }
      }
    }
    ChatExportException error = batch.error;
    if (error != null && !piece.last()) {
      // The separator's file offset: an error there or after it is the cut's, not the file's.
      batch.cutInside = error.location().byteOffset() >= piece.offset() + piece.separator() - 1;
    }
    return batch;
  }

  /** Bytes in memory, then damage: {@code data[0..length)}, after which reading throws. */
  private static final class DamagedBytes extends InputStream {
    private final byte[] data;
    private final int length;
    private final IOException damage;
    private int at;

    DamagedBytes(byte[] data, int length, IOException damage) {
      this.data = data;
      this.length = length;
      this.damage = damage;
    }

    @Override
    public int read() throws IOException {
      if (at == length) {
        throw damage;
      }
      return data[at++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      if (at == length) {
        throw damage;
      }
      int n = Math.min(len, length - at);
      System.arraycopy(data, at, b, off, n);
      at += n;
      return n;
    }
  }

  @Override
  public void close() {
    closed = true;
    reader.interrupt();
    pool.shutdownNow();
    queue.clear();
  }
}
