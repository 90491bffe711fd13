package io.github.chatexport.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A citation in a message's {@link Message#text() text}: the span of text that marks it and the
 * sources it names. See {@link Message#citationSpans()}.
 *
 * @param start the first index of the mark in {@link Message#text()}, in UTF-16 code units (Java
 *     {@code String} indexes)
 * @param end the index after the mark
 * @param sources the sources the citation names, in order; empty for marks that name none (a {@code
 *     sources_footnote}, a hidden reference)
 */
public record CitationSpan(int start, int end, List<Source> sources) {

  /** Checks and copies the components. */
  public CitationSpan {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("not a span: " + start + ".." + end);
    }
    sources = List.copyOf(sources);
  }

  /**
   * A cited source.
   *
   * @param title the page's title, when given
   * @param url the page's URL, when given
   */
  public record Source(@Nullable String title, @Nullable String url) {
    @Override
    public String toString() {
      return "Source[" + (url == null ? "no url" : "url") + "]";
    }
  }

  @Override
  public String toString() {
    return "CitationSpan[" + start + ".." + end + ", " + sources.size() + " sources]";
  }
}
