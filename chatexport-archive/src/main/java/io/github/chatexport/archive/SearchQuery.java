package io.github.chatexport.archive;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.archive.internal.search.ParsedQuery;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A full-text query and its filters; immutable. Parse the text with {@link #parse}, then narrow it
 * with the {@code with…} methods:
 *
 * <pre>{@code
 * SearchQuery q = SearchQuery.parse("lisbon \"tram 28\" -hotel")
 *     .withRole("assistant").withSince(Instant.parse("2024-01-01T00:00:00Z")).withActiveBranchOnly(true);
 * }</pre>
 *
 * <p>The language:
 *
 * <ul>
 *   <li>{@code word}: the word, ignoring case and accents ({@code cafe} finds {@code Café}); a word
 *       of 3 characters or more is also found inside longer words ({@code ynchron} finds {@code
 *       asynchronous}), those hits ranking after whole words. In scripts written without spaces
 *       (Chinese, Japanese, Korean, Thai, …) every character counts, so {@code 東京} or {@code 京}
 *       finds {@code 東京タワー}. Emoji are words too.
 *   <li>{@code "exact phrase"}: these words, in this order; {@code "exact phr"*}: the last one a
 *       prefix.
 *   <li>{@code prefix*}: words that start so.
 *   <li>{@code -word}, {@code -"phrase"}, {@code -prefix*}: no hit contains it (as a whole word or
 *       phrase).
 *   <li>{@code a OR b} (upper case): either; {@code OR} binds closer than the implicit "and"
 *       between terms, so {@code tram OR metro lisbon} is (tram or metro) and lisbon.
 * </ul>
 *
 * All terms must be found in the same text: one message, or the conversation's title. Terms are
 * bound as parameters; nothing typed reaches SQL as SQL. Punctuation inside a word separates its
 * parts for the word match ({@code e-mail} is the phrase {@code "e mail"}) and is kept for the
 * match inside words.
 */
public final class SearchQuery {
  private final String text;
  private final @Nullable String role;
  private final @Nullable String model;
  private final @Nullable Instant since;
  private final @Nullable Instant until;
  private final @Nullable String contentType;
  private final boolean activeBranchOnly;
  private final boolean deletedOnly;
  private final int limit;

  private SearchQuery(
      String text,
      @Nullable String role,
      @Nullable String model,
      @Nullable Instant since,
      @Nullable Instant until,
      @Nullable String contentType,
      boolean activeBranchOnly,
      boolean deletedOnly,
      int limit) {
    this.text = text;
    this.role = role;
    this.model = model;
    this.since = since;
    this.until = until;
    this.contentType = contentType;
    this.activeBranchOnly = activeBranchOnly;
    this.deletedOnly = deletedOnly;
    this.limit = limit;
  }

  /**
   * Parses a query, with no filters: every branch, every conversation (deleted ones too), no limit.
   *
   * @throws SearchQueryException when the query cannot be understood (the message says why and
   *     where)
   */
  public static SearchQuery parse(String text) {
    requireNonNull(text, "text");
    ParsedQuery.parse(text, SearchQueryException::new);
    return new SearchQuery(text, null, null, null, null, null, false, false, 0);
  }

  /** The query's text, as given to {@link #parse}. */
  public String text() {
    return text;
  }

  /**
   * Only texts of this author role ({@code user}, {@code assistant}, {@code system}, {@code tool}),
   * or null.
   */
  public @Nullable String role() {
    return role;
  }

  /** Only messages of this model slug ({@code gpt-4o}, {@code o3}, ignoring case), or null. */
  public @Nullable String model() {
    return model;
  }

  /** Only texts created at or after this instant, or null. */
  public @Nullable Instant since() {
    return since;
  }

  /** Only texts created before this instant, or null. */
  public @Nullable Instant until() {
    return until;
  }

  /**
   * Only texts of this content type ({@code text}, {@code code}, {@code execution_output}, …, and
   * {@code title} for conversation titles), or null.
   */
  public @Nullable String contentType() {
    return contentType;
  }

  /**
   * Whether only texts on the active branch (what chatgpt.com showed last) and titles are searched.
   */
  public boolean activeBranchOnly() {
    return activeBranchOnly;
  }

  /** Whether only conversations deleted from the account (kept by the archive) are searched. */
  public boolean deletedOnly() {
    return deletedOnly;
  }

  /** At most this many hits; 0 for no limit. */
  public int limit() {
    return limit;
  }

  /** Returns a copy that finds only texts of this role (null: any). */
  public SearchQuery withRole(@Nullable String role) {
    return new SearchQuery(
        text,
        role == null ? null : role.toLowerCase(Locale.ROOT),
        model,
        since,
        until,
        contentType,
        activeBranchOnly,
        deletedOnly,
        limit);
  }

  /** Returns a copy that finds only messages of this model (null: any). */
  public SearchQuery withModel(@Nullable String model) {
    return new SearchQuery(
        text, role, model, since, until, contentType, activeBranchOnly, deletedOnly, limit);
  }

  /** Returns a copy that finds only texts created at or after {@code since} (null: no bound). */
  public SearchQuery withSince(@Nullable Instant since) {
    return new SearchQuery(
        text, role, model, since, until, contentType, activeBranchOnly, deletedOnly, limit);
  }

  /** Returns a copy that finds only texts created before {@code until} (null: no bound). */
  public SearchQuery withUntil(@Nullable Instant until) {
    return new SearchQuery(
        text, role, model, since, until, contentType, activeBranchOnly, deletedOnly, limit);
  }

  /** Returns a copy that finds only texts of this content type (null: any). */
  public SearchQuery withContentType(@Nullable String contentType) {
    return new SearchQuery(
        text, role, model, since, until, contentType, activeBranchOnly, deletedOnly, limit);
  }

  /** Returns a copy that searches only the active branches (and titles), or every branch. */
  public SearchQuery withActiveBranchOnly(boolean activeBranchOnly) {
    return new SearchQuery(
        text, role, model, since, until, contentType, activeBranchOnly, deletedOnly, limit);
  }

  /** Returns a copy that searches only deleted conversations, or all. */
  public SearchQuery withDeletedOnly(boolean deletedOnly) {
    return new SearchQuery(
        text, role, model, since, until, contentType, activeBranchOnly, deletedOnly, limit);
  }

  /**
   * Returns a copy that gives at most {@code limit} hits (0: no limit).
   *
   * @throws IllegalArgumentException when {@code limit} is negative
   */
  public SearchQuery withLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be 0 (no limit) or more: " + limit);
    }
    return new SearchQuery(
        text, role, model, since, until, contentType, activeBranchOnly, deletedOnly, limit);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SearchQuery q
        && text.equals(q.text)
        && Objects.equals(role, q.role)
        && Objects.equals(model, q.model)
        && Objects.equals(since, q.since)
        && Objects.equals(until, q.until)
        && Objects.equals(contentType, q.contentType)
        && activeBranchOnly == q.activeBranchOnly
        && deletedOnly == q.deletedOnly
        && limit == q.limit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        text, role, model, since, until, contentType, activeBranchOnly, deletedOnly, limit);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("SearchQuery[").append(text.length()).append(" chars");
    if (role != null) {
      out.append(", role ").append(role);
    }
    if (model != null) {
      out.append(", model ").append(model);
    }
    if (since != null) {
      out.append(", since ").append(since);
    }
    if (until != null) {
      out.append(", until ").append(until);
    }
    if (contentType != null) {
      out.append(", type ").append(contentType);
    }
    if (activeBranchOnly) {
      out.append(", active branch only");
    }
    if (deletedOnly) {
      out.append(", deleted only");
    }
    if (limit > 0) {
      out.append(", limit ").append(limit);
    }
    return out.append(']').toString();
  }
}
