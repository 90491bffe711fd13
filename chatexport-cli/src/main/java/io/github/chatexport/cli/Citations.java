package io.github.chatexport.cli;

import io.github.chatexport.api.Content;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.Metadata;
import io.github.chatexport.api.RawJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Citations in a message's text, turned into numbered sources: the 2023–24 {@code citations} (spans of the text,
 * such as {@code 【1†source】}) and the 2025–26 {@code content_references} (marked-up text with the private-use
 * markers U+E200–U+E202). Marks without a source, and stray markers, are removed.
 *
 * <p>Built on {@link Metadata#citations()} and {@link Metadata#contentReferences()}; the sources of a content
 * reference are read from its raw {@code items} and {@code safe_urls} (see the report's proposal for a typed
 * view).
 */
final class Citations {
  private static final Pattern MARKED = Pattern.compile("\uE200[^\uE200\uE201]*\uE201");
  private static final Pattern STRAY = Pattern.compile("[\uE200-\uE202]");
  /** A 2023–24 citation mark such as {@code 【1†source】}. */
  private static final Pattern BRACKET = Pattern.compile("【[^【】]{1,80}】");

  private Citations() {}

  /** A numbered source. */
  record Source(int number, String title, @Nullable String url) {}

  /** The sources of one document (a note, a shown conversation), numbered in order; a URL keeps its number. */
  static final class Sources {
    private final Map<String, Source> byKey = new LinkedHashMap<>();

    int number(@Nullable String title, @Nullable String url) {
      String key = url != null ? url : title != null ? title : "";
      Source s = byKey.get(key);
      if (s == null) {
        String name = title != null && !title.isBlank() ? title : url != null ? url : "source";
        s = new Source(byKey.size() + 1, name, url);
        byKey.put(key, s);
      }
      return s.number();
    }

    List<Source> all() {
      return List.copyOf(byKey.values());
    }

    boolean isEmpty() {
      return byKey.isEmpty();
    }
  }

  private record Mark(int start, int end, List<Integer> numbers) {}

  /**
   * {@code text} (the message's text) with each citation replaced by {@code marker} of its source numbers, or
   * removed when {@code sources} is null or it names no source.
   */
  static String apply(Message m, String text, @Nullable Sources sources, Function<List<Integer>, String> marker) {
    List<Mark> marks = new ArrayList<>();
    // 2023–24: spans of the text (UTF-16 indexes), valid only for text that is one part.
    // When a span does not hold a 【…】 mark, the i-th mark of the text is taken for the i-th citation.
    if (m.content() instanceof Content.Text t && t.parts().size() == 1) {
      List<int[]> brackets = new ArrayList<>();
      Matcher found = BRACKET.matcher(text);
      while (found.find()) {
        brackets.add(new int[] {found.start(), found.end()});
      }
      List<Metadata.Citation> citations = m.metadata().citations();
      for (int i = 0; i < citations.size(); i++) {
        Metadata.Citation c = citations.get(i);
        Integer s = c.startIx();
        Integer e = c.endIx();
        int[] span = s != null && e != null && 0 <= s && s < e && e <= text.length()
            && BRACKET.matcher(text.substring(s, e)).matches() ? new int[] {s, e}
            : i < brackets.size() ? brackets.get(i) : null;
        if (span != null) {
          marks.add(new Mark(span[0], span[1],
              sources == null ? List.of() : List.of(sources.number(c.title(), c.url()))));
        }
      }
    }
    // 2025–26: the marked-up text, found in order.
    int from = 0;
    for (Metadata.ContentReference ref : m.metadata().contentReferences()) {
      String matched = ref.matchedText();
      if (matched == null || matched.isEmpty() || !(matched.indexOf('\uE200') >= 0 || matched.startsWith("【"))) {
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
      List<Integer> numbers = new ArrayList<>();
      if (sources != null) {
        for (RawJson item : elements(ref.json().get("items"))) {
          numbers.add(sources.number(item.get("title").asString().orElse(null),
              item.get("url").asString().orElse(null)));
        }
        if (numbers.isEmpty()) {
          for (RawJson url : elements(ref.json().get("safe_urls"))) {
            url.asString().ifPresent(u -> numbers.add(sources.number(null, u)));
          }
        }
      }
      marks.add(new Mark(at, at + matched.length(), List.copyOf(new LinkedHashSet<>(numbers))));
    }
    marks.sort(Comparator.comparingInt(Mark::start));
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Mark mark : marks) {
      if (mark.start() < at) {
        continue; // overlaps the previous one
      }
      out.append(text, at, mark.start());
      String replacement = mark.numbers().isEmpty() ? "" : marker.apply(mark.numbers());
      if (replacement.isEmpty() && (mark.end() >= text.length()
          || !Character.isLetterOrDigit(text.charAt(mark.end())))) {
        while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
          out.setLength(out.length() - 1); // "17:00 <mark>." becomes "17:00."
        }
      }
      out.append(replacement);
      at = mark.end();
    }
    out.append(text, at, text.length());
    String done = MARKED.matcher(out).replaceAll("");
    return STRAY.matcher(done).replaceAll("");
  }

  private static List<RawJson> elements(RawJson value) {
    return value instanceof RawJson.JsonArray a ? a.elements() : List.of();
  }
}
