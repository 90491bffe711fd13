package io.github.chatexport.core.internal.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.base.ParserBase;
import org.jspecify.annotations.Nullable;

/**
 * Where a token started: line, column and byte offset, noted without allocating (the parser's own
 * location objects are made only when a warning needs one). A mark is mutable and reused; read it
 * at once.
 */
public final class Mark {
  public long line = -1;
  public long column = -1;
  public long offset = -1;

  /** Notes where the parser's current token started. */
  public Mark set(JsonParser p) {
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
  public static Mark of(@Nullable JsonLocation at) {
    Mark m = new Mark();
    if (at != null) {
      m.line = at.getLineNr();
      m.column = at.getColumnNr();
      m.offset = at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
    }
    return m;
  }

  /** A copy that later {@link #set} calls do not change. */
  public Mark copy() {
    Mark m = new Mark();
    m.line = line;
    m.column = column;
    m.offset = offset;
    return m;
  }

  /** The mark as a parser location, for messages. */
  public JsonLocation toLocation() {
    return new JsonLocation(null, offset, -1, (int) line, (int) column);
  }
}
