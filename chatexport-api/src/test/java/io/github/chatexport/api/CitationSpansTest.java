package io.github.chatexport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CitationSpansTest {
  private static RawJson.JsonObject object(Object... keysAndValues) {
    Map<String, RawJson> members = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object v = keysAndValues[i + 1];
      members.put(
          (String) keysAndValues[i],
          v instanceof RawJson r
              ? r
              : v instanceof Integer n ? RawJson.of(n.longValue()) : RawJson.of((String) v));
    }
    return new RawJson.JsonObject(members);
  }

  private static Message message(String text, RawJson.JsonObject metadata) {
    return Message.of("m", Author.of("assistant"), Content.Text.of(text))
        .withMetadata(new Metadata(metadata));
  }

  @Test
  void resolvesTheCitationsOf2023ByTheirIndexesOrElseByTheirOrder() {
    String text = "Tides follow the moon【1†source】 and the sun【2†source】.";
    int first = text.indexOf('【');
    RawJson.JsonObject exact =
        object(
            "start_ix",
            first,
            "end_ix",
            first + 10,
            "metadata",
            object("title", "Tides", "url", "https://example.org/tides"));
    RawJson.JsonObject off = object("start_ix", 0, "end_ix", 3, "metadata", object("title", "Sun"));
    Message m = message(text, object("citations", new RawJson.JsonArray(List.of(exact, off))));

    List<CitationSpan> spans = m.citationSpans();
    assertThat(spans).hasSize(2);
    assertThat(text.substring(spans.get(0).start(), spans.get(0).end())).isEqualTo("【1†source】");
    assertThat(spans.get(0).sources())
        .containsExactly(new CitationSpan.Source("Tides", "https://example.org/tides"));
    assertThat(text.substring(spans.get(1).start(), spans.get(1).end())).isEqualTo("【2†source】");
    assertThat(spans.get(1).sources()).containsExactly(new CitationSpan.Source("Sun", null));
  }

  @Test
  void resolvesTheContentReferencesOf2025InTextOrder() {
    String mark = "\uE200cite\uE202turn0search3\uE201";
    String text = "Open daily " + mark + ". Tickets online " + mark + ".";
    RawJson.JsonObject withItems =
        object(
            "matched_text",
            mark,
            "type",
            "grouped_webpages",
            "items",
            new RawJson.JsonArray(
                List.of(object("title", "Visit", "url", "https://example.org/visit"))));
    RawJson.JsonObject withUrls =
        object(
            "matched_text",
            mark,
            "type",
            "grouped_webpages",
            "safe_urls",
            new RawJson.JsonArray(List.of(RawJson.of("https://example.org/tickets"))));
    RawJson.JsonObject footnote = object("matched_text", " ", "type", "sources_footnote");
    Message m =
        message(
            text,
            object(
                "content_references",
                new RawJson.JsonArray(List.of(withItems, withUrls, footnote))));

    List<CitationSpan> spans = m.citationSpans();
    assertThat(spans).hasSize(2);
    assertThat(spans.get(0).start()).isEqualTo(text.indexOf(mark));
    assertThat(spans.get(1).start()).isEqualTo(text.lastIndexOf(mark));
    assertThat(spans.get(0).sources())
        .extracting(CitationSpan.Source::url)
        .containsExactly("https://example.org/visit");
    assertThat(spans.get(1).sources())
        .extracting(CitationSpan.Source::url)
        .containsExactly("https://example.org/tickets");
  }

  @Test
  void hasNoSpansWithoutCitations() {
    assertThat(message("plain", RawJson.JsonObject.EMPTY).citationSpans()).isEmpty();
  }
}
