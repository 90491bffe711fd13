package io.github.chatexport.cli;

import io.github.chatexport.api.CitationSpan;
import io.github.chatexport.api.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Citations in a message's text, turned into numbered sources, from the library's {@link
 * Message#citationSpans()}: the 2023–24 {@code citations} and the 2025–26 {@code
 * content_references}. Marks without a source, and stray markers, are removed.
 */
final class Citations {
  private static final Pattern MARKED = Pattern.compile("\uE200[^\uE200\uE201]*\uE201");
  private static final Pattern STRAY = Pattern.compile("[\uE200-\uE202]");

  private Citations() {}

  /** A numbered source. */
  record Source(int number, String title, @Nullable String url) {}

  /**
   * The sources of one document (a note, a shown conversation), numbered in order; a URL keeps its
   * number.
   */
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
   * {@code text} (the message's text) with each citation replaced by {@code marker} of its source
   * numbers, or removed when {@code sources} is null or it names no source.
   */
  static String apply(
      Message m, String text, @Nullable Sources sources, Function<List<Integer>, String> marker) {
    // The library resolves the spans over the whole text; a part's text is a window of it.
    String whole = m.text();
    int base = text.equals(whole) ? 0 : whole.indexOf(text);
    List<Mark> marks = new ArrayList<>();
    if (base >= 0) {
      for (CitationSpan span : m.citationSpans()) {
        if (span.start() < base || span.end() > base + text.length()) {
          continue;
        }
        List<Integer> numbers = new ArrayList<>();
        if (sources != null) {
          for (CitationSpan.Source source : span.sources()) {
            numbers.add(sources.number(source.title(), source.url()));
          }
        }
        marks.add(
            new Mark(
                span.start() - base, span.end() - base, List.copyOf(new LinkedHashSet<>(numbers))));
      }
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
      if (replacement.isEmpty()
          && (mark.end() >= text.length() || !Character.isLetterOrDigit(text.charAt(mark.end())))) {
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
}
