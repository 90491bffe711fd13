package io.github.chatexport.archive;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One text that a search found: a message (of any branch) or a conversation's title.
 *
 * @param conversationId the conversation's id
 * @param nodeId the message's node id in the conversation's {@code mapping}; null when the title
 *     matched
 * @param title the conversation's title, or null
 * @param conversationTime when the conversation was created, or null
 * @param time when the message was created (for a title: the conversation), or null
 * @param role the author's role ({@code user}, {@code assistant}, …); null for a title
 * @param model the model slug that wrote the message, or null
 * @param contentType the message's content type ({@code text}, {@code code}, …), or {@code title}
 * @param activeBranch whether the message lies on the active branch (titles: true)
 * @param deleted whether the conversation was deleted from the account (only an archive knows)
 * @param snippet a short passage around the matches, on one line ({@code …} where text was cut)
 * @param highlights where the matched words are in {@code snippet}, in order
 * @param rank the score: BM25 with the title weighted 10 times a message, higher is better; a hit
 *     found only inside longer words scores below 1, any hit of whole words at 1 or more
 */
public record SearchHit(
    String conversationId,
    @Nullable String nodeId,
    @Nullable String title,
    @Nullable Instant conversationTime,
    @Nullable Instant time,
    @Nullable String role,
    @Nullable String model,
    String contentType,
    boolean activeBranch,
    boolean deleted,
    String snippet,
    List<Span> highlights,
    double rank) {

  /** Checks and copies the components. */
  public SearchHit {
    requireNonNull(conversationId, "conversationId");
    requireNonNull(contentType, "contentType");
    requireNonNull(snippet, "snippet");
    highlights = List.copyOf(highlights);
    for (Span span : highlights) {
      if (span.end() > snippet.length()) {
        throw new IllegalArgumentException(
            "highlight " + span + " beyond the snippet's " + snippet.length() + " chars");
      }
    }
  }

  /**
   * The snippet with each highlight between {@code open} and {@code close}, such as ANSI bold or
   * {@code <b>}.
   */
  public String snippet(String open, String close) {
    StringBuilder out =
        new StringBuilder(snippet.length() + highlights.size() * (open.length() + close.length()));
    int at = 0;
    for (Span span : highlights) {
      out.append(snippet, at, span.start())
          .append(open)
          .append(snippet, span.start(), span.end())
          .append(close);
      at = span.end();
    }
    return out.append(snippet, at, snippet.length()).toString();
  }

  /**
   * A range of {@code char}s in the snippet.
   *
   * @param start the first char
   * @param end after the last char
   */
  public record Span(int start, int end) {
    /** Checks the range. */
    public Span {
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("not a range: " + start + ".." + end);
      }
    }
  }
}
