package io.github.chatexport.core.internal.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.base.ParserBase;
import org.jspecify.annotations.Nullable;

/**
 * Where a token started: line, column and byte offset, noted without allocating (the parser's own
 * location objects are made only when a warning needs one). A mark is mutable and reused; read it
 * at once.
 */
final class Mark {
  long line = -1;
  long column = -1;
  long offset = -1;

  /** Notes where the parser's current token started. */
  Mark set(JsonParser p) {
    if (p instanceof ParserBase b) {
      line = b.getTokenLineNr();
      column = b.getTokenColumnNr();
      offset = b.getTokenCharacterOffset();
    } else {
      JsonLocation at = p.currentTokenLocation();
      line = at.getLineNr();
      column = at.getColumnNr();
      offset = at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
    }
    return this;
  }

  /** A mark at {@code at}. */
  static Mark of(@Nullable JsonLocation at) {
    Mark m = new Mark();
    if (at != null) {
      m.line = at.getLineNr();
      m.column = at.getColumnNr();
      m.offset = at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
    }
    return m;
  }

  /** A copy that later {@link #set} calls do not change. */
  Mark copy() {
    Mark m = new Mark();
    m.line = line;
    m.column = column;
    m.offset = offset;
    return m;
  }

  /** The mark as a parser location, for messages. */
  JsonLocation toLocation() {
    return new JsonLocation(null, offset, -1, (int) line, (int) column);
  }
}
