package io.github.chatexport.core.internal.json;

import com.fasterxml.jackson.core.JsonLocation;
import io.github.chatexport.api.Location;
import io.github.chatexport.api.Warning;
import io.github.chatexport.core.ChatExportException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects the warnings of the conversation being read, and makes locations and exceptions for one
 * entry of an export. In strict mode a warning is thrown at once, as an error.
 */
public final class Problems {
  private final String file;
  private final @Nullable String entry;
  private final boolean strict;
  private final List<Pending> pending = new ArrayList<>();

  private record Pending(
      Warning.Kind kind, String message, long line, long column, long offset, String path) {}

  /** Problems for {@code entry} of {@code file}. */
  public Problems(String file, @Nullable String entry, boolean strict) {
    this(file, entry, strict, null);
  }

  /**
   * Problems for a part of {@code entry} parsed on its own (a piece of a file split for parallel
   * parsing): locations are shifted from the part to the file.
   */
  public Problems(String file, @Nullable String entry, boolean strict, @Nullable Shift shift) {
    this.file = file;
    this.entry = entry;
    this.strict = strict;
    this.shift = shift;
  }

  /**
   * Where a part of an entry starts: {@code line}, {@code column} and {@code offset} of the part's
   * first byte in the entry; {@code first*} what the part's own parser reports there.
   */
  public record Shift(
      long line, long column, long offset, long firstLine, long firstColumn, long firstOffset) {
    long line(long l) {
      return l < 0 ? l : line + (l - firstLine);
    }

    long column(long l, long c) {
      return c < 0 ? c : l == firstLine ? column + (c - firstColumn) : c;
    }

    long offset(long o) {
      return o < 0 ? o : offset + (o - firstOffset);
    }
  }

  private final @Nullable Shift shift;

  /** A location in this entry. */
  public Location location(
      @Nullable JsonLocation at, String path, @Nullable String conversationId) {
    if (at == null) {
      return new Location(file, entry, -1, -1, -1, path, conversationId);
    }
    long offset = at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
    return at(at.getLineNr(), at.getColumnNr(), offset, path, conversationId);
  }

  private Location at(
      long line, long column, long offset, String path, @Nullable String conversationId) {
    if (shift == null) {
      return new Location(file, entry, line, column, offset, path, conversationId);
    }
    return new Location(
        file,
        entry,
        shift.line(line),
        shift.column(line, column),
        shift.offset(offset),
        path,
        conversationId);
  }

  /** Notes a warning of the current conversation; in strict mode, throws it. */
  public void warn(Warning.Kind kind, String message, @Nullable JsonLocation at, String path) {
    if (strict) {
      throw new ChatExportException(
          "strict mode: " + kind + ": " + message, location(at, path, null), null);
    }
    long line = at == null ? -1 : at.getLineNr();
    long column = at == null ? -1 : at.getColumnNr();
    long offset =
        at == null ? -1 : at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
    pending.add(new Pending(kind, message, line, column, offset, path));
  }

  /**
   * Returns the warnings noted since the last call, for the conversation {@code conversationId}.
   */
  public List<Warning> drain(@Nullable String conversationId) {
    if (pending.isEmpty()) {
      return List.of();
    }
    List<Warning> out = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      out.add(
          new Warning(
              p.kind(),
              p.message(),
              at(p.line(), p.column(), p.offset(), p.path(), conversationId)));
    }
    pending.clear();
    return out;
  }

  /** An exception at a place of this entry. */
  public ChatExportException error(
      String problem,
      @Nullable JsonLocation at,
      String path,
      @Nullable String conversationId,
      @Nullable Throwable cause) {
    return new ChatExportException(problem, location(at, path, conversationId), cause);
  }

  /** The file, as the caller named it. */
  public String file() {
    return file;
  }

  /** The entry, or null. */
  public @Nullable String entry() {
    return entry;
  }
}
