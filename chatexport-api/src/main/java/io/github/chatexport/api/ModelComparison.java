package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A comparison of two answers the user was asked to judge: one row of {@code model_comparisons.json} (2023
 * onward). The prompt conversation and the feedback are kept as written.
 *
 * @param id the comparison id
 * @param userId the user
 * @param input the {@code input} object: {@code prompt_convo} (the messages) and {@code conversation_id}
 * @param output the {@code output} object: the feedback steps
 * @param createTime when it was made
 * @param extras fields no component holds ({@code metadata}, …)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelComparison(
    String id,
    @JsonProperty("user_id") @Nullable String userId,
    @Nullable RawJson input,
    @Nullable RawJson output,
    @JsonIgnore @Nullable Instant createTime,
    @JsonUnwrapped Extras extras) {

  /** Checks the components. */
  public ModelComparison {
    requireNonNull(id, "id");
    requireNonNull(extras, "extras");
  }

  /** The conversation compared in, from {@code input.conversation_id}. */
  public Optional<String> conversationId() {
    return input == null ? Optional.empty() : input.get("conversation_id").asString();
  }

  /** For JSON serialization with jackson-databind: {@code create_time} as ISO-8601 text, as this file writes it. */
  @JsonProperty("create_time")
  @Nullable String jsonCreateTime() {
    return createTime == null ? null : createTime.toString();
  }

  @Override
  public String toString() {
    return "ModelComparison[" + id + "]";
  }
}
