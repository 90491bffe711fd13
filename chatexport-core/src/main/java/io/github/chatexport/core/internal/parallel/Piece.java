package io.github.chatexport.core.internal.parallel;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Bytes of one file: {@code data[1..length]}, which start at file offset {@code offset}, line
 * {@code line}, column {@code column}; {@code data[0]} is kept free for the bracket that opens the
 * piece's array. Unless it is the {@code last} piece of its file, {@code data[separator]} is the
 * comma before the next piece, replaced by the bracket that closes the array.
 */
@SuppressWarnings(
    "ArrayRecordComponent") // a piece is never compared: the array is its bytes, owned
record Piece(
    String file,
    byte[] data,
    int length,
    int separator,
    boolean last,
    long offset,
    long line,
    long column,
    long bytesEnd,
    @Nullable IOException damage) {
  /** A piece whose bytes were all read. */
  Piece(
      String file,
      byte[] data,
      int length,
      int separator,
      boolean last,
      long offset,
      long line,
      long column,
      long bytesEnd) {
    this(file, data, length, separator, last, offset, line, column, bytesEnd, null);
  }
}
