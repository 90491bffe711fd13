package io.github.chatexport.core;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.Location;
import org.jspecify.annotations.Nullable;

/**
 * The input is not a readable export, or is damaged at some place: the one type to catch for
 * unreadable input.
 *
 * <p>{@link #problem()} says what is wrong and {@link #location()} says where: the file (and ZIP
 * entry), line, column, byte offset, JSON path and, once known, the conversation id. {@link
 * #getMessage()} is the two together, {@code problem + " at " + location.describe()}; take the
 * parts apart from these accessors, never by cutting the message (as Jackson's {@code
 * getOriginalMessage()} beside {@code getLocation()}). The message never quotes the export's
 * content; for the same reason, the JSON parser's own exception is not kept as the cause when its
 * message would quote the input.
 *
 * <p>Thrown by {@code ExportReader.open} when the input is not an export at all, and from a pass
 * over the conversations at the place of the damage, after every conversation before it has been
 * delivered.
 */
public final class ChatExportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @serial what is wrong, without the location
   */
  private final String problem;

  /**
   * @serial the location
   */
  private final Location location;

  /**
   * Creates an exception.
   *
   * @param problem what is wrong, without user content
   * @param location where
   * @param cause the underlying exception, or null
   */
  public ChatExportException(String problem, Location location, @Nullable Throwable cause) {
    super(
        requireNonNull(problem, "problem")
            + " at "
            + requireNonNull(location, "location").describe(),
        cause);
    this.problem = problem;
    this.location = location;
  }

  /**
   * What is wrong, without the location: the message as given to the constructor, never quoting
   * user content.
   *
   * @return the problem text; {@link #getMessage()} is this text, {@code " at "} and {@code
   *     location().describe()}
   */
  public String problem() {
    return problem;
  }

  /** Where the problem is. */
  public Location location() {
    return location;
  }
}
