package io.github.chatexport.core.internal.zip;

import org.jspecify.annotations.Nullable;

/**
 * {@code chat.html} does not hold what the chat.html scanner ({@code internal.html}) looks for, or
 * holds it malformed or too large.
 */
public final class ChatHtmlException extends ArchiveException {
  private static final long serialVersionUID = 1L;

  public ChatHtmlException(String problem, String page, long offset, @Nullable Throwable cause) {
    super(page + ": " + problem + " at byte offset " + offset, page, offset, cause);
  }
}
