package io.github.chatexport.core.internal.parallel;

import io.github.chatexport.api.Location;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.internal.config.ReaderConfig;
import io.github.chatexport.core.internal.json.Json;
import io.github.chatexport.core.internal.json.Problems;
import io.github.chatexport.core.internal.parse.ConversationFile;
import io.github.chatexport.core.internal.source.CountingInputStream;
import io.github.chatexport.core.internal.source.ExportSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * The reading side of a parallel pass, run by one thread: reads the conversation files in order
 * (inflating them, when they come from a ZIP) and cuts them into pieces of about {@value
 * #PIECE_BYTES} bytes, handed over one by one; a file it cannot cut (not a plain array, damage
 * before its first byte) is handed over whole, for a serial read.
 *
 * <p>The cutter does not scan every byte to find where conversations end: past the mark it looks
 * for where the next conversation probably starts, {@code }, {"k1": …, "k2":} with the first two
 * keys of the file's first conversation (a quote preceded by a brace is never inside a string). The
 * guess is checked by the parses themselves (see {@link InFileOrder}), so it costs time when wrong,
 * never correctness. Each piece knows the offset, line and column of its first byte.
 */
@SuppressWarnings("ReferenceEquality") // ByteCutter.MORE is a sentinel, compared by identity
final class PieceReader {
  /** Where the reader hands over what it reads, in file order. */
  interface Handoff {
    /**
     * A piece cut, to be parsed.
     *
     * @throws RejectedExecutionException if the pass was closed meanwhile
     */
    void piece(Piece piece) throws InterruptedException;

    /**
     * A batch the reader makes itself: a file's error, a file left to a serial read, or the end of
     * the files (a batch of no file, {@code ""}).
     */
    void batch(Batch batch) throws InterruptedException;
  }

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
  private final Handoff out;
  private volatile boolean closed;

  PieceReader(
      ExportSource source,
      List<String> files,
      ConversationFile.@Nullable Filter filter,
      ReaderConfig config,
      Handoff out) {
    this.source = source;
    this.files = files;
    this.filter = filter;
    this.config = config;
    this.out = out;
  }

  /** Makes {@link #readAll()} stop at its next check. */
  void stop() {
    closed = true;
  }

  /**
   * Reads and cuts every file in order, then hands over the end (a batch of no file); stops early
   * when {@link #stop()} is called or the parse pool refuses a piece.
   */
  void readAll() {
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
          out.batch(b);
        }
      }
      out.batch(new Batch(""));
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
            out.piece(piece);
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
      out.piece(
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
      out.batch(b);
    }
  }

  /**
   * Leaves {@code file} to the consumer, which reads it serially and so meets whatever made this
   * pass give it up exactly as a serial read does.
   */
  private void toSerial(String file) throws InterruptedException {
    Batch serial = new Batch(file);
    serial.serial = true;
    out.batch(serial);
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
    out.batch(b);
  }
}
