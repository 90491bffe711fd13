package io.github.chatexport.archive;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.Conversation;
import java.util.List;

/**
 * One distinct version of a conversation, as some exports had it.
 *
 * @param conversation the conversation as those exports had it, value for value
 * @param exports the exports that had exactly this version, oldest first (by their own dates)
 */
public record ConversationVersion(Conversation conversation, List<ArchivedExport> exports) {

  /** Checks and copies the components. */
  public ConversationVersion {
    requireNonNull(conversation, "conversation");
    exports = List.copyOf(exports);
  }
}
