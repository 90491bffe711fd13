package io.github.chatexport.api.internal;

import io.github.chatexport.api.CitationSpan;
import io.github.chatexport.api.Content;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.Metadata;
import io.github.chatexport.api.RawJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the citations of a message's text: the algorithm behind {@link Message#citationSpans()}.
 */
public final class CitationSpans {
  /** A 2023–24 citation mark, such as {@code 【1†source】}. */
  private static final Pattern BRACKET = Pattern.compile("【[^【】]{1,80}】");

  private CitationSpans() {}

  /** The citation spans of {@code message}, as {@link Message#citationSpans()} documents them. */
  public static List<CitationSpan> of(Message message) {
    String text = message.text();
    List<CitationSpan> spans = new ArrayList<>();
    if (message.content() instanceof Content.Text t && t.parts().size() == 1) {
      List<int[]> brackets = new ArrayList<>();
      Matcher found = BRACKET.matcher(text);
      while (found.find()) {
        brackets.add(new int[] {found.start(), found.end()});
      }
      List<Metadata.Citation> citations = message.metadata().citations();
      for (int i = 0; i < citations.size(); i++) {
        Metadata.Citation c = citations.get(i);
        Integer s = c.startIx();
        Integer e = c.endIx();
        int[] span =
            s != null
                    && e != null
                    && 0 <= s
                    && s < e
                    && e <= text.length()
                    && BRACKET.matcher(text.substring(s, e)).matches()
                ? new int[] {s, e}
                : i < brackets.size() ? brackets.get(i) : null;
        if (span != null) {
          spans.add(
              new CitationSpan(
                  span[0], span[1], List.of(new CitationSpan.Source(c.title(), c.url()))));
        }
      }
    }
    int from = 0;
    for (Metadata.ContentReference ref : message.metadata().contentReferences()) {
      String matched = ref.matchedText();
      if (matched == null
          || matched.isEmpty()
          || !(matched.indexOf('\uE200') >= 0 || matched.startsWith("【"))) {
        continue;
      }
      int at = text.indexOf(matched, from);
      if (at < 0) {
        at = text.indexOf(matched);
      }
      if (at < 0) {
        continue;
      }
      from = at + matched.length();
      List<CitationSpan.Source> sources = new ArrayList<>();
      if (ref.json().get("items") instanceof RawJson.JsonArray items) {
        for (RawJson item : items.elements()) {
          sources.add(
              new CitationSpan.Source(
                  item.get("title").asString().orElse(null),
                  item.get("url").asString().orElse(null)));
        }
      }
      if (sources.isEmpty() && ref.json().get("safe_urls") instanceof RawJson.JsonArray urls) {
        for (RawJson url : urls.elements()) {
          url.asString().ifPresent(u -> sources.add(new CitationSpan.Source(null, u)));
        }
      }
      spans.add(
          new CitationSpan(
              at, at + matched.length(), new ArrayList<>(new LinkedHashSet<>(sources))));
    }
    spans.sort(Comparator.comparingInt(CitationSpan::start));
    List<CitationSpan> out = new ArrayList<>(spans.size());
    int end = 0;
    for (CitationSpan span : spans) {
      if (span.start() >= end) {
        out.add(span);
        end = span.end();
      }
    }
    return List.copyOf(out);
  }
}
