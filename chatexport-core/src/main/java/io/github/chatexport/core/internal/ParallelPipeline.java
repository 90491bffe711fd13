package io.github.chatexport.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Warning;
import io.github.chatexport.core.ChatExportException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Parallel reading: one thread reads the conversation files in order (inflating them, when they come from a ZIP)
 * and cuts them at conversation boundaries with a byte-level scan that tracks strings, escapes and nesting; a
 * pool parses the pieces; the consumer takes them back in file order. A bounded queue holds a small window of
 * pieces, so memory stays bounded by a few pieces and the largest conversation. Locations and paths of the
 * pieces are shifted to the file, so warnings and errors say exactly where, as a serial read does.
 */
final class ParallelPipeline implements AutoCloseable {
  private static final int PIECE_BYTES = 256 << 10;
  private static final int READ_BYTES = 1 << 16;

  /** A run of whole conversations of one file, parsed, or the damage that ended the file. */
  static final class Batch {
    final String file;
    final List<Conversation> conversations = new ArrayList<>();
    final List<Warning> exportWarnings = new ArrayList<>();
    @Nullable ChatExportException error;
    boolean endOfFile;
    /** The file is not a plain array (a wrapped {"conversations": [...]}): the consumer reads it serially. */
    boolean serial;
    long bytesEnd;

    Batch(String file) {
      this.file = file;
    }
  }

  /** One conversation's bytes, and where they start in its file. */
  private record Element(int start, int end, long line, long column, long offset, int index, boolean complete) {}

  private final ExportSource source;
  private final List<String> files;
  private final ConversationCursor.@Nullable Filter filter;
  private final ReaderConfig config;
  private final JsonFactory factory;
  private final ExecutorService pool;
  private final BlockingQueue<Future<Batch>> queue;
  private final Thread reader;
  private volatile boolean closed;

  ParallelPipeline(ExportSource source, List<String> files, ConversationCursor.@Nullable Filter filter,
      ReaderConfig config, JsonFactory factory, int threads) {
    this.source = source;
    this.files = files;
    this.filter = filter;
    this.config = config;
    this.factory = factory;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
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
    try {
      Future<Batch> next = queue.take();
      Batch b = next.get();
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
          b.error = e instanceof ChatExportException c ? c : new ChatExportException(
              "the input could not be read (" + e.getClass().getSimpleName() + ")",
              new io.github.chatexport.api.Location(source.file(), source.locationEntry(file), -1, -1, -1, "$",
                  null), e);
          b.endOfFile = true;
          put(CompletableFuture.completedFuture(b));
        }
      }
      put(CompletableFuture.completedFuture(new Batch("")));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The byte scanner's states between conversations (inside one, the scanner only tracks nesting). */
  private enum State { BEFORE, VALUE, ELEMENT, AFTER, DONE }

  /**
   * Reads one file and cuts it into pieces of whole conversations. Bytes are read straight into the piece being
   * filled; the scan runs tight loops: inside strings it looks only for the closing quote, a backslash or a line
   * break; outside, only for brackets, quotes and line breaks. Line and column are kept for each conversation's
   * first byte, so that the parsers of the pieces can report locations in the file.
   */
  private void readFile(String file) throws InterruptedException {
    Problems problems = new Problems(source.file(), source.locationEntry(file), config.strict());
    long[] counted = new long[1];
    try (InputStream raw = new CountingInputStream(source.open(file), b -> counted[0] += b);
        InputStream in = filter == null ? raw : filter.apply(raw)) {
      byte[] piece = new byte[PIECE_BYTES + READ_BYTES];
      int used = 0;
      int scan = 0;
      long base = 0; // the file offset of piece[0]
      List<Element> elements = new ArrayList<>();
      State state = State.BEFORE;
      long line = 1;
      long lineStart = 0; // file offset of the current line's first byte
      int depth = 0;
      boolean inString = false;
      boolean escape = false;
      boolean scalar = false;
      int elementStart = -1;
      long startLine = 0;
      long startColumn = 0;
      int index = 0;
      boolean first = true;
      while (!closed) {
        if (piece.length - used < READ_BYTES) {
          piece = Arrays.copyOf(piece, piece.length * 2);
        }
        int n = in.read(piece, used, piece.length - used);
        if (n < 0) {
          break;
        }
        used += n;
        if (first && used >= 3 && (piece[0] & 0xFF) == 0xEF && (piece[1] & 0xFF) == 0xBB
            && (piece[2] & 0xFF) == 0xBF) {
          scan = 3; // a UTF-8 byte order mark
        }
        if (first && used >= 3) {
          first = false;
        }
        int i = scan;
        scanning:
        while (i < used) {
          if (state == State.ELEMENT) {
            // Inside a conversation: only nesting matters.
            if (inString) {
              if (escape) {
                escape = false;
                i++;
                continue;
              }
              i = inString(piece, i, used);
              if (i >= used) {
                break;
              }
              byte b = piece[i++];
              if (b == '\\') {
                escape = true;
              } else if (b == '\n') {
                line++;
                lineStart = base + i;
              } else {
                inString = false;
                if (scalar && depth == 0) {
                  state = State.AFTER;
                  elements.add(
                      new Element(elementStart, i, startLine, startColumn, base + elementStart, index++, true));
                }
              }
              continue;
            }
            if (!scalar) {
              i = outside(piece, i, used);
              if (i >= used) {
                break;
              }
            }
            byte b = piece[i++];
            switch (b) {
              case '"' -> inString = true;
              case '{', '[' -> depth++;
              case '}', ']' -> {
                depth--;
                if (depth == 0 && !scalar) {
                  state = State.AFTER;
                  elements.add(
                      new Element(elementStart, i, startLine, startColumn, base + elementStart, index++, true));
                } else if (depth < 0) {
                  // A scalar element ended by the array's close.
                  depth = 0;
                  elements.add(new Element(elementStart, i - 1, startLine, startColumn, base + elementStart,
                      index++, true));
                  state = State.DONE;
                }
              }
              case '\n' -> {
                line++;
                lineStart = base + i;
                if (scalar && depth == 0) {
                  elements.add(new Element(elementStart, i - 1, startLine, startColumn, base + elementStart,
                      index++, true));
                  state = State.AFTER;
                }
              }
              case ',', ' ', '\t', '\r' -> {
                if (scalar && depth == 0) {
                  elements.add(new Element(elementStart, i - 1, startLine, startColumn, base + elementStart,
                      index++, true));
                  state = b == ',' ? State.VALUE : State.AFTER;
                }
              }
              default -> {
                // any other byte of a conversation
              }
            }
            continue;
          }
          // Between conversations.
          byte b = piece[i++];
          if (b == '\n') {
            line++;
            lineStart = base + i;
            continue;
          }
          if (b == ' ' || b == '\t' || b == '\r') {
            continue;
          }
          long offset = base + i - 1;
          long column = offset - lineStart + 1;
          switch (state) {
            case BEFORE -> {
              if (b == '{' && source.rereadable()) {
                Batch serial = new Batch(file);
                serial.serial = true;
                serial.endOfFile = true;
                put(CompletableFuture.completedFuture(serial));
                return;
              }
              if (b != '[') {
                fail(file, problems, b == '{' ? "expected an array of conversations, found an object"
                    : "expected an array of conversations, found " + what(b), line, column, offset, "$");
                return;
              }
              state = State.VALUE;
            }
            case VALUE -> {
              if (b == ']' && index == 0) {
                state = State.DONE;
                continue;
              }
              if (elements.isEmpty() && used - (i - 1) > 0 && i - 1 > 0) {
                // Start the next piece with this conversation: drop what came before it.
                int keep = i - 1;
                System.arraycopy(piece, keep, piece, 0, used - keep);
                base += keep;
                used -= keep;
                i = 1;
              }
              elementStart = i - 1;
              startLine = line;
              startColumn = column;
              scalar = b != '{' && b != '[';
              depth = scalar ? 0 : 1;
              inString = b == '"';
              escape = false;
              state = State.ELEMENT;
            }
            case AFTER -> {
              if (b == ',') {
                state = State.VALUE;
                if (used >= PIECE_BYTES && !elements.isEmpty()) {
                  // The piece is full: hand it over, and carry what follows into a new one.
                  byte[] next = new byte[Math.max(PIECE_BYTES + READ_BYTES, used - i + READ_BYTES)];
                  System.arraycopy(piece, i, next, 0, used - i);
                  submit(file, problems, piece, elements, counted[0]);
                  elements = new ArrayList<>();
                  base += i;
                  used -= i;
                  piece = next;
                  i = 0;
                  scan = 0;
                  continue scanning;
                }
              } else if (b == ']') {
                state = State.DONE;
              } else {
                flush(file, problems, piece, elements, counted[0]);
                fail(file, problems, "invalid JSON: an unexpected character", line, column, offset,
                    "$[" + index + "]");
                return;
              }
            }
            case DONE -> {
              flush(file, problems, piece, elements, counted[0]);
              fail(file, problems, "unexpected content after the array of conversations", line, column, offset,
                  "$");
              return;
            }
            default -> throw new IllegalStateException(state.name());
          }
        }
        scan = i;
      }
      if (closed) {
        return;
      }
      long offset = base + used;
      if (state == State.ELEMENT) {
        // Cut off inside a conversation: its parser reports where.
        elements.add(new Element(elementStart, used, startLine, startColumn, base + elementStart, index, false));
        flush(file, problems, piece, elements, counted[0]);
        fail(file, problems, "the JSON ends too early (a truncated file?)", line, offset - lineStart + 1,
            offset, "$[" + index + "]");
        return;
      }
      flush(file, problems, piece, elements, counted[0]);
      if (state == State.BEFORE) {
        fail(file, problems, "the file is empty; expected an array of conversations", line,
            offset - lineStart + 1, offset, "$");
      } else if (state != State.DONE) {
        fail(file, problems, "the JSON ends too early (a truncated file?)", line, offset - lineStart + 1,
            offset, "$[" + index + "]");
      } else {
        Batch end = new Batch(file);
        end.endOfFile = true;
        end.bytesEnd = counted[0];
        put(CompletableFuture.completedFuture(end));
      }
    } catch (IOException e) {
      Batch b = new Batch(file);
      b.error = Json.translate(e, null, problems, null);
      b.endOfFile = true;
      put(CompletableFuture.completedFuture(b));
    }
  }

  private void flush(String file, Problems problems, byte[] piece, List<Element> elements, long bytesEnd)
      throws InterruptedException {
    if (!elements.isEmpty()) {
      submit(file, problems, piece, elements, bytesEnd);
    }
  }

  private void fail(String file, Problems problems, String problem, long line, long column, long offset,
      String path) throws InterruptedException {
    Batch b = new Batch(file);
    b.error = new ChatExportException(problem,
        new io.github.chatexport.api.Location(problems.file(), problems.entry(), line, column, offset, path, null),
        null);
    b.endOfFile = true;
    put(CompletableFuture.completedFuture(b));
  }

  private void submit(String file, Problems problems, byte[] piece, List<Element> elements, long bytesEnd) throws InterruptedException {
    byte[] data = piece;
    List<Element> batch = List.copyOf(elements);
    put(pool.submit(() -> parse(file, problems, data, batch, bytesEnd)));
  }

  private static final byte[] OPEN = {'['};
  private static final byte[] CLOSE = {']'};

  /**
   * Parses a piece with one parser: its conversations, with what lies between them, read as one array. (A parser
   * per conversation would copy jackson's table of field names, thousands of mapping keys, each time.) Each
   * conversation gets its own {@link Problems}, shifted from the piece to the file.
   */
  private Batch parse(String file, Problems fileProblems, byte[] data, List<Element> elements, long bytesEnd) {
    Batch batch = new Batch(file);
    batch.bytesEnd = bytesEnd;
    if (elements.isEmpty()) {
      return batch;
    }
    Element firstElement = elements.get(0);
    Element lastElement = elements.get(elements.size() - 1);
    InputStream in = new SequenceInputStream(java.util.Collections.enumeration(List.of(
        new ByteArrayInputStream(OPEN),
        new ByteArrayInputStream(data, firstElement.start(), lastElement.end() - firstElement.start()),
        // A conversation cut off by the end of the file gets no bracket: its parser must meet the end.
        new ByteArrayInputStream(lastElement.complete() ? CLOSE : new byte[0]))));
    JsonParser p = null;
    Problems problems = fileProblems;
    try {
      p = factory.createParser(in);
      p.nextToken(); // the array we made
      for (int k = 0; k < elements.size(); k++) {
        Element e = elements.get(k);
        JsonToken t = p.nextToken();
        JsonLocation first = p.currentTokenLocation();
        problems = new Problems(fileProblems.file(), fileProblems.entry(), config.strict(),
            new Problems.Shift(e.line(), e.column(), e.offset(), first.getLineNr(), first.getColumnNr(),
                first.getByteOffset() >= 0 ? first.getByteOffset() : first.getCharOffset(),
                "$[" + k + "]", "$[" + e.index() + "]"));
        if (t == JsonToken.START_OBJECT) {
          batch.conversations.add(new ConversationParser(p, problems, config).read());
        } else {
          problems.warn(Warning.Kind.TYPE_MISMATCH, "an element of the conversations array is "
              + ConversationParser.kind(t) + ", not an object; skipped", first, JsonPaths.of(p.getParsingContext()));
          p.skipChildren();
          batch.exportWarnings.addAll(problems.drain(null));
        }
      }
      JsonToken end = p.nextToken();
      if (end != JsonToken.END_ARRAY) {
        throw problems.error("invalid JSON: unexpected content", p.currentTokenLocation(),
            JsonPaths.of(p.getParsingContext()), null, null);
      }
    } catch (IOException x) {
      batch.error = Json.translate(x, p, problems, null);
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
    return batch;
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final boolean[] STRUCTURAL = new boolean[256];

  static {
    for (char c : "\"{}[]\n".toCharArray()) {
      STRUCTURAL[c] = true;
    }
  }

  /** Flags (in the high bit of each byte) the zero bytes of {@code v}; the lowest flag is exact. */
  private static long zeros(long v) {
    return (v - ONES) & ~v & HIGHS;
  }

  /**
   * The index of the first quote, backslash or line break at or after {@code i} (inside a string nothing else
   * matters), or {@code end}. Eight bytes at a time.
   */
  static int inString(byte[] a, int i, int end) {
    while (i + 8 <= end) {
      long w = (long) LONGS.get(a, i);
      long hits = zeros(w ^ 0x2222222222222222L) | zeros(w ^ 0x5C5C5C5C5C5C5C5CL) | zeros(w ^ 0x0A0A0A0A0A0A0A0AL);
      if (hits != 0) {
        return i + (Long.numberOfTrailingZeros(hits) >>> 3);
      }
      i += 8;
    }
    while (i < end) {
      byte b = a[i];
      if (b == '"' || b == '\\' || b == '\n') {
        return i;
      }
      i++;
    }
    return end;
  }

  /** The index of the first quote, bracket, brace or line break at or after {@code i}, or {@code end}. */
  static int outside(byte[] a, int i, int end) {
    while (i < end && !STRUCTURAL[a[i] & 0xFF]) {
      i++;
    }
    return i;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  private static String what(byte b) {
    return switch (b) {
      case '"' -> "a string";
      case 't', 'f' -> "a boolean";
      case 'n' -> "null";
      default -> b == '-' || b >= '0' && b <= '9' ? "a number" : "something that is not JSON";
    };
  }

  @Override
  public void close() {
    closed = true;
    reader.interrupt();
    pool.shutdownNow();
    queue.clear();
  }
}
