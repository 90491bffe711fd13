package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A shared link the user made: one row of {@code shared_conversations.json}.
 *
 * @param id the share id
 * @param conversationId the conversation shared
 * @param title the title at the time of sharing
 * @param createTime when the link was made (ISO text or epoch seconds in the export)
 * @param updateTime when it was last updated
 * @param isAnonymous whether the link hides the user's name
 * @param extras fields no component holds
 */
public record SharedConversation(
    String id,
    @Nullable String conversationId,
    @Nullable String title,
    @Nullable Instant createTime,
    @Nullable Instant updateTime,
    @Nullable Boolean isAnonymous,
    Extras extras) {

  /** Checks the components. */
  public SharedConversation {
    requireNonNull(id, "id");
    requireNonNull(extras, "extras");
  }

  @Override
  public String toString() {
    return "SharedConversation[" + id + ", conversation " + conversationId + "]";
  }
}
