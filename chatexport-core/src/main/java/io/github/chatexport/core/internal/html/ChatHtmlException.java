package io.github.chatexport.core.internal.html;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * {@code chat.html} does not hold what the chat.html scanner looks for, or holds it malformed or
 * too large: names the page and the byte offset, never the content.
 */
final class ChatHtmlException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The page, as named in the export. */
  private final String page;

  /** The byte offset from the start of the page where the problem was found. */
  private final long offset;

  ChatHtmlException(String problem, String page, long offset, @Nullable Throwable cause) {
    super(page + ": " + problem + " at byte offset " + offset, cause);
    this.page = page;
    this.offset = offset;
  }

  /** The page, as named in the export. */
  String entry() {
    return page;
  }

  /** The byte offset from the start of the page where the problem was found. */
  long offset() {
    return offset;
  }
}
