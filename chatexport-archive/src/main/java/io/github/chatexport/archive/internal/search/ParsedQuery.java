package io.github.chatexport.archive.internal.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A query's text, parsed: a conjunction of groups, each group one term or terms joined by {@code
 * OR}; excluded terms stand alone. Parsing fails with the message that {@link #parse} throws
 * through {@code error}.
 *
 * @param groups the groups, all of which must match
 */
public record ParsedQuery(List<List<Term>> groups) {
  /** At most this many characters in a query. */
  public static final int MAX_LENGTH = 2_000;

  /** At most this many terms in a query. */
  public static final int MAX_TERMS = 64;

  /** What a term asks for. */
  public enum Kind {
    /**
     * A word: as a word (ignoring case and accents), or as part of a longer word when it has 3
     * characters.
     */
    WORD,
    /** {@code "an exact phrase"}: these words in this order. */
    PHRASE,
    /** {@code prefix*}: a word, or words, the last of which starts so. */
    PREFIX
  }

  /**
   * One term.
   *
   * @param kind what it asks for
   * @param text its text, cleaned as indexed text is ({@link IndexText#clean})
   * @param excluded whether it was written {@code -term}: no hit contains it
   */
  public record Term(Kind kind, String text, boolean excluded) {}

  /** Copies the groups. */
  public ParsedQuery {
    List<List<Term>> copy = new ArrayList<>();
    for (List<Term> g : groups) {
      copy.add(List.copyOf(g));
    }
    groups = List.copyOf(copy);
  }

  /**
   * Parses a query: words, {@code "exact phrases"}, {@code prefix*}, {@code -excluded}, {@code OR}
   * (upper case) between terms; everything else is a word. A word of fewer than 3 characters
   * without a letter, digit or emoji ({@code :}, {@code &}) is left out, unless it is all there is.
   *
   * @param error turns a message into the exception to throw
   */
  public static <E extends RuntimeException> ParsedQuery parse(
      String query, Function<String, E> error) {
    if (query.length() > MAX_LENGTH) {
      throw error.apply(
          "the query is too long: " + query.length() + " characters (at most " + MAX_LENGTH + ")");
    }
    List<List<Term>> groups = new ArrayList<>();
    List<Term> group = null;
    boolean pendingOr = false;
    String skipped = null;
    int terms = 0;
    int n = query.length();
    int i = 0;
    while (true) {
      while (i < n && Character.isWhitespace(query.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      boolean excluded = false;
      if (query.charAt(i) == '-') {
        excluded = true;
        i++;
        if (i >= n || Character.isWhitespace(query.charAt(i))) {
          throw error.apply(
              "a lone '-' at character "
                  + (start + 1)
                  + ": write it right before the word or \"phrase\" to exclude, as in -word");
        }
      }
      Kind kind;
      String text;
      if (query.charAt(i) == '"') {
        int close = query.indexOf('"', i + 1);
        if (close < 0) {
          throw error.apply(
              "unbalanced quote: the phrase that starts at character "
                  + (i + 1)
                  + " has no closing \"");
        }
        text = query.substring(i + 1, close);
        i = close + 1;
        kind = Kind.PHRASE;
        if (i < n && query.charAt(i) == '*') {
          kind = Kind.PREFIX;
          i++;
        }
        if (i < n && !Character.isWhitespace(query.charAt(i))) {
          throw error.apply("a space is needed after the phrase that ends at character " + i);
        }
      } else {
        int end = i;
        while (end < n && !Character.isWhitespace(query.charAt(end))) {
          if (query.charAt(end) == '"') {
            throw error.apply(
                "a quote inside a word at character "
                    + (end + 1)
                    + ": put a space before a \"phrase\"");
          }
          end++;
        }
        text = query.substring(i, end);
        i = end;
        if (!excluded && text.equals("OR")) {
          if (group == null || pendingOr) {
            throw error.apply("OR at character " + (start + 1) + " needs a term on each side");
          }
          pendingOr = true;
          continue;
        }
        kind = Kind.WORD;
        if (text.equals("*")) {
          throw error.apply(
              "a lone '*' at character "
                  + (start + 1)
                  + ": write it right after a word or \"phrase\", as in prefix*");
        }
        if (text.endsWith("*")) {
          text = text.substring(0, text.length() - 1);
          kind = Kind.PREFIX;
          if (text.endsWith("*")) {
            throw error.apply(
                query.substring(start, i)
                    + " at character "
                    + (start + 1)
                    + ": a prefix ends with one *");
          }
        }
      }
      String clean = IndexText.clean(text).strip();
      String shown = query.substring(start, i);
      boolean word = IndexText.hasWord(IndexText.words(clean));
      boolean inWords = kind == Kind.WORD && !excluded;
      if (inWords ? !word && IndexText.length(clean) < 3 : !word) {
        String why =
            "nothing to search for in "
                + shown
                + " at character "
                + (start + 1)
                + (inWords
                    ? ": it has no letter, digit or emoji, and fewer than 3 characters"
                    : ": it has no letter, digit or emoji");
        if (!inWords || pendingOr) {
          throw error.apply(why);
        }
        if (skipped == null) {
          skipped = why; // punctuation between words (lisbon : tram) is left out
        }
        continue;
      }
      if (++terms > MAX_TERMS) {
        throw error.apply("too many terms: at most " + MAX_TERMS);
      }
      Term term = new Term(kind, clean, excluded);
      if (pendingOr
          && group != null) { // pendingOr only follows a group (OR needs a term before it)
        if (excluded || group.get(0).excluded()) {
          throw error.apply("OR cannot join an excluded term (at character " + (start + 1) + ")");
        }
        group.add(term);
        pendingOr = false;
      } else {
        group = new ArrayList<>();
        group.add(term);
        groups.add(group);
      }
    }
    if (pendingOr) {
      throw error.apply("OR at the end of the query needs a term after it");
    }
    if (groups.isEmpty() && skipped != null) {
      throw error.apply(skipped);
    }
    if (groups.isEmpty()) {
      throw error.apply("the query is empty: give at least one word or \"phrase\" to find");
    }
    if (groups.stream().allMatch(g -> g.get(0).excluded())) {
      throw error.apply("only excluded terms: give at least one word or \"phrase\" to find");
    }
    return new ParsedQuery(groups);
  }
}
