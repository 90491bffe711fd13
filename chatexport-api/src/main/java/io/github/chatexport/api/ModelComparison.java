package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A comparison of two answers the user was asked to judge: one row of {@code
 * model_comparisons.json} (2023 onward). The prompt conversation and the feedback are kept as
 * written.
 *
 * @param id the comparison id
 * @param userId the user
 * @param input the {@code input} object: {@code prompt_convo} (the messages) and {@code
 *     conversation_id}
 * @param output the {@code output} object: the feedback steps
 * @param createTime when it was made
 * @param extras fields no component holds ({@code metadata}, …)
 */
public record ModelComparison(
    String id,
    @Nullable String userId,
    @Nullable RawJson input,
    @Nullable RawJson output,
    @Nullable Instant createTime,
    Extras extras) {

  /** Checks the components. */
  public ModelComparison {
    requireNonNull(id, "id");
    requireNonNull(extras, "extras");
  }

  /** The conversation compared in, from {@code input.conversation_id}. */
  public Optional<String> conversationId() {
    return input == null ? Optional.empty() : input.get("conversation_id").asString();
  }

  @Override
  public String toString() {
    return "ModelComparison[" + id + "]";
  }
}
