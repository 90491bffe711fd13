package io.github.chatexport.core.internal.parallel;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Location;
import io.github.chatexport.api.Warning;
import io.github.chatexport.core.ChatExportException;
import org.jspecify.annotations.Nullable;

/**
 * Paths in a piece say {@code $[i]} for the i-th element of the piece; this gives them, in the
 * order the consumer takes the pieces, the index of each element in its file. Not thread-safe: the
 * consumer's.
 */
@SuppressWarnings("ReferenceEquality") // the same location object means nothing was renumbered
final class Renumbering {
  /** The consumer's state: the index in its file of the next piece's first element. */
  private int nextIndex;

  private @Nullable String indexFile;

  /** Gives the batch's warnings and error the index of each conversation in its file. */
  Batch numbered(Batch b) {
    if (!b.file.equals(indexFile)) {
      indexFile = b.file;
      nextIndex = 0;
    }
    if (b.piece == null) {
      return b;
    }
    int first = nextIndex;
    nextIndex += b.elements;
    if (first == 0) {
      return b;
    }
    for (int i = 0; i < b.conversations.size(); i++) {
      Conversation c = b.conversations.get(i);
      if (!c.warnings().isEmpty()) {
        b.conversations.set(
            i, c.withWarnings(c.warnings().stream().map(w -> numbered(w, first)).toList()));
      }
    }
    b.exportWarnings.replaceAll(w -> numbered(w, first));
    ChatExportException e = b.error;
    if (e != null) {
      Location at = numbered(e.location(), first);
      if (!at.equals(e.location())) {
        ChatExportException moved = new ChatExportException(e.problem(), at, e.getCause());
        moved.setStackTrace(e.getStackTrace());
        b.error = moved;
      }
    }
    return b;
  }

  private static Warning numbered(Warning w, int first) {
    Location at = numbered(w.location(), first);
    return at == w.location() ? w : new Warning(w.kind(), w.message(), at);
  }

  /** {@code $[i]…} in the piece is {@code $[first + i]…} in the file. */
  static Location numbered(Location at, int first) {
    String path = at.jsonPath();
    if (!path.startsWith("$[")) {
      return at;
    }
    int close = path.indexOf(']');
    int i;
    try {
      i = Integer.parseInt(path, 2, close, 10);
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return at;
    }
    return new Location(
        at.file(),
        at.entry(),
        at.line(),
        at.column(),
        at.byteOffset(),
        "$[" + (first + i) + path.substring(close),
        at.conversationId());
  }
}
