package io.github.chatexport.core.internal.parallel;

import io.github.chatexport.api.Location;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.internal.source.ExportSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The consuming side of a parallel pass: the parsed batches taken in file order, a piece whose
 * parse failed at its end (cut inside a conversation) parsed again joined to the pieces after it,
 * and the paths of each piece renumbered into its file. The first piece starts at the array, and a
 * piece whose parse ends exactly at its end proves that the next one starts at a conversation.
 */
final class InFileOrder {
  /** The batches in file order, as the pool finishes them. */
  interface Batches {
    /** The next batch, or null when every file is done. */
    @Nullable Batch next();
  }

  private final Batches queue;
  private final PieceParser parser;
  private final ExportSource source;

  /** A batch taken while joining pieces, to be delivered next. */
  private @Nullable Batch pending;

  /** The index in its file of each piece's first element. */
  private final Renumbering renumbering = new Renumbering();

  InFileOrder(Batches queue, PieceParser parser, ExportSource source) {
    this.queue = queue;
    this.parser = parser;
    this.source = source;
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
    return queue.next();
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
      return parser.parse(join(run, Math.toIntExact(length)));
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
}
