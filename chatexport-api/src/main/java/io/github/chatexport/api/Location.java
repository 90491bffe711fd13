package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Where something is in an export: the file (and the ZIP entry inside it), line, column and byte
 * offset, the JSON path, and the conversation it belongs to.
 *
 * @param file the file opened, as the caller named it (a ZIP, a folder, a JSON file, or the name
 *     given with a stream)
 * @param entry the entry inside the file (a ZIP entry or a file inside the folder), or null for a
 *     single file
 * @param line the 1-based line, or -1 when unknown
 * @param column the 1-based column, or -1 when unknown
 * @param byteOffset the 0-based byte offset in the entry, or -1 when unknown
 * @param jsonPath the JSON path, such as {@code $[17].mapping.<id>.message.content}; {@code $} for
 *     the whole entry
 * @param conversationId the id of the conversation being read, when known
 */
public record Location(
    String file,
    @Nullable String entry,
    long line,
    long column,
    long byteOffset,
    String jsonPath,
    @Nullable String conversationId) {

  /** A location for things that belong to no place in particular. */
  public static final Location UNKNOWN = new Location("", null, -1, -1, -1, "$", null);

  /** Checks the required components. */
  public Location {
    requireNonNull(file, "file");
    requireNonNull(jsonPath, "jsonPath");
  }

  /** Returns a copy with another JSON path. */
  public Location withJsonPath(String jsonPath) {
    return new Location(file, entry, line, column, byteOffset, jsonPath, conversationId);
  }

  /**
   * Describes the location for a message: {@code conversations.json (in export.zip) line 3 column
   * 14 (byte 1204) at $[2].mapping.abc.message conversation 6b1f…}. It holds names and positions,
   * never content.
   */
  public String describe() {
    StringBuilder out = new StringBuilder();
    if (entry != null) {
      out.append(entry);
      if (!file.isEmpty()) {
        out.append(" (in ").append(file).append(')');
      }
    } else {
      out.append(file.isEmpty() ? "<input>" : file);
    }
    if (line >= 0) {
      out.append(" line ").append(line);
      if (column >= 0) {
        out.append(" column ").append(column);
      }
    }
    if (byteOffset >= 0) {
      out.append(" (byte ").append(byteOffset).append(')');
    }
    out.append(" at ").append(jsonPath);
    if (conversationId != null) {
      out.append(" (conversation ").append(conversationId).append(')');
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return describe();
  }
}
