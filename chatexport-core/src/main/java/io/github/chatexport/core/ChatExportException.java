package io.github.chatexport.core;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.Location;
import org.jspecify.annotations.Nullable;

/**
 * The input is not a readable export, or is damaged at some place: the one type to catch for unreadable input.
 *
 * <p>{@link #location()} says where: the file (and ZIP entry), line, column, byte offset, JSON path and, once
 * known, the conversation id. The message never quotes the export's content; for the same reason, the JSON
 * parser's own exception is not kept as the cause when its message would quote the input.
 *
 * <p>Thrown by {@code ExportReader.open} when the input is not an export at all, and from a pass over the
 * conversations at the place of the damage, after every conversation before it has been delivered.
 */
public final class ChatExportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @serial the location */
  private final Location location;

  /**
   * Creates an exception.
   *
   * @param problem what is wrong, without user content
   * @param location where
   * @param cause the underlying exception, or null
   */
  public ChatExportException(String problem, Location location, @Nullable Throwable cause) {
    super(requireNonNull(problem, "problem") + " at " + requireNonNull(location, "location").describe(), cause);
    this.location = location;
  }

  /** Where the problem is. */
  public Location location() {
    return location;
  }
}
