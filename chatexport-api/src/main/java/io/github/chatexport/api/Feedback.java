package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A thumbs-up or thumbs-down the user gave a message: one row of {@code message_feedback.json}.
 *
 * <p>Two shapes exist: in 2023, {@code {message_id, conversation_id (without dashes), user_id,
 * rating, content}} where {@code content} is JSON encoded in a string; in 2025–26, {@code {id,
 * conversation_id, user_id, rating, create_time (ISO), update_time, workspace_id, content,
 * evaluation_name, evaluation_treatment}}.
 *
 * @param id the feedback id (2025 onward)
 * @param messageId the message rated (2023)
 * @param conversationId the conversation, as written (without dashes in 2023)
 * @param userId the user
 * @param rating {@code thumbsUp}, {@code thumbsDown}, or another value as written
 * @param createTime when it was given (2025 onward)
 * @param content the content as written: a JSON string in 2023, else any JSON
 * @param decodedContent the content decoded when it is JSON in a string (2023), else the content
 *     itself
 * @param extras fields no component holds
 */
public record Feedback(
    @Nullable String id,
    @Nullable String messageId,
    @Nullable String conversationId,
    @Nullable String userId,
    @Nullable String rating,
    @Nullable Instant createTime,
    @Nullable RawJson content,
    @Nullable RawJson decodedContent,
    Extras extras) {

  /** Checks the components. */
  public Feedback {
    requireNonNull(extras, "extras");
  }

  /**
   * The conversation id in the form conversations use (8-4-4-4-12 with dashes), when the export
   * wrote 32 hex digits without dashes (2023); else the id as written.
   */
  public @Nullable String normalizedConversationId() {
    String c = conversationId;
    if (c == null || c.length() != 32 || !c.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
      return c;
    }
    return c.substring(0, 8)
        + "-"
        + c.substring(8, 12)
        + "-"
        + c.substring(12, 16)
        + "-"
        + c.substring(16, 20)
        + "-"
        + c.substring(20);
  }

  @Override
  public String toString() {
    return "Feedback[" + (id != null ? id : messageId) + ", " + rating + "]";
  }
}
