package io.github.chatexport.archive;

/**
 * A search query that cannot be understood: an unbalanced quote, a lone {@code -}, {@code OR}
 * without a term on each side, only excluded terms, nothing to search for. The message says what
 * and where (counting characters from 1) and is meant for the person who typed the query; it never
 * comes from SQL.
 */
public final class SearchQueryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** A bad query, with the message to show. */
  public SearchQueryException(String message) {
    super(message);
  }
}
