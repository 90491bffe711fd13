package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
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
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SharedConversation(
    String id,
    @JsonProperty("conversation_id") @Nullable String conversationId,
    @Nullable String title,
    @JsonIgnore @Nullable Instant createTime,
    @JsonIgnore @Nullable Instant updateTime,
    @JsonProperty("is_anonymous") @Nullable Boolean isAnonymous,
    @JsonUnwrapped Extras extras) {

  /** Checks the components. */
  public SharedConversation {
    requireNonNull(id, "id");
    requireNonNull(extras, "extras");
  }

  /** For JSON serialization with jackson-databind: {@code create_time} as ISO-8601 text, as this file writes it. */
  @JsonProperty("create_time")
  @Nullable String jsonCreateTime() {
    return createTime == null ? null : createTime.toString();
  }

  /** For JSON serialization with jackson-databind: {@code update_time} as ISO-8601 text, as this file writes it. */
  @JsonProperty("update_time")
  @Nullable String jsonUpdateTime() {
    return updateTime == null ? null : updateTime.toString();
  }

  @Override
  public String toString() {
    return "SharedConversation[" + id + ", conversation " + conversationId + "]";
  }
}
