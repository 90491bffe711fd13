package io.github.chatexport.cli;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Facts about one conversation that several commands print. */
final class Facts {
  private Facts() {}

  /** The conversation's creation time, else its first message's. */
  static @Nullable Instant created(Conversation c) {
    if (c.createTime() != null) {
      return c.createTime();
    }
    Instant first = null;
    for (Message m : c.messages()) {
      Instant t = m.createTime();
      if (t != null && (first == null || t.isBefore(first))) {
        first = t;
      }
    }
    return first;
  }

  /** The conversation's update time, else its last message's, else its creation time. */
  static @Nullable Instant updated(Conversation c) {
    if (c.updateTime() != null) {
      return c.updateTime();
    }
    Instant last = null;
    for (Message m : c.messages()) {
      Instant t = m.createTime();
      if (t != null && (last == null || t.isAfter(last))) {
        last = t;
      }
    }
    return last != null ? last : created(c);
  }

  /**
   * The models that answered in any branch ({@code resolved_model_slug}, else {@code model_slug}),
   * sorted.
   */
  static Set<String> models(Conversation c) {
    Set<String> out = new TreeSet<>();
    for (Message m : c.messages()) {
      model(c, m).ifPresent(out::add);
    }
    return out;
  }

  /**
   * The model of an assistant message: its {@code resolved_model_slug}, else its {@code
   * model_slug}, else (many 2026 messages have no metadata) the conversation's {@code
   * default_model_slug}. Empty for other roles.
   */
  static Optional<String> model(Conversation c, Message m) {
    if (!m.author().isAssistant()) {
      return Optional.empty();
    }
    Optional<String> own = m.metadata().resolvedModelSlug();
    return own.isPresent() ? own : Optional.ofNullable(c.defaultModelSlug());
  }

  /**
   * The model that wrote most answers of the active branch, else the conversation's default model:
   * for the front matter.
   */
  static Optional<String> mainModel(Conversation c) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Message m : c.activeBranch().messages()) {
      model(c, m).ifPresent(slug -> counts.merge(slug, 1, Integer::sum));
    }
    String best = null;
    int most = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > most) {
        best = e.getKey();
        most = e.getValue();
      }
    }
    return Optional.ofNullable(best != null ? best : c.defaultModelSlug());
  }
}
