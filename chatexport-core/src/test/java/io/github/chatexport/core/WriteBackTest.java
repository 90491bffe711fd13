package io.github.chatexport.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.testdata.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact write-back when the API changes a field: in its place, with the writer's own number text.
 */
class WriteBackTest {
  @TempDir Path tmp;

  private Conversation exact() throws IOException {
    Path file = Fixtures.get("conversations/exact-write-back.json").copyTo(tmp);
    try (ExportReader export = ExportReader.open(file);
        Stream<Conversation> all = export.conversations()) {
      return all.findFirst().orElseThrow();
    }
  }

  @Test
  void anUnchangedConversationKeepsItsKeyOrderAndIntegerTimes() throws IOException {
    String json = ExportWriter.toJson(exact());
    assertThat(json)
        .startsWith("{\"mapping\":{\"r0\":{\"children\":[\"u1\"],\"parent\":null,\"message\":null,")
        .contains(
            "\"id\":\"exact-0001-4000-8000-000000000001\",\"update_time\":1704067260,"
                + "\"default_model_slug\":\"gpt-4o\",\"title\":\"Integers & key order\",\"create_time\":1704067200,")
        .contains("\"weight\":1,\"update_time\":1704067260,\"create_time\":1704067200,")
        .contains("\"create_time\":1704067230.50,")
        .contains("\"weight\":1.0E0,")
        .contains("\"update_time\":1.7040672305e9,")
        .contains("\"ratio\":1.50,\"big\":1e3,\"neg\":-0.0}");
  }

  @Test
  void aFieldSetThroughTheApiGoesWhereItWasWithTheWritersNumberText() throws IOException {
    Conversation changed =
        exact()
            .withTitle("Renamed")
            .withTimes(
                Instant.parse("2024-01-02T00:00:00Z"), Instant.parse("2024-01-01T00:01:00Z"));
    String json = ExportWriter.toJson(changed);
    assertThat(json)
        .contains(
            "\"id\":\"exact-0001-4000-8000-000000000001\",\"update_time\":1704067260,"
                + "\"default_model_slug\":\"gpt-4o\",\"title\":\"Renamed\",\"create_time\":1704153600.0,");
  }

  @Test
  void aFieldTheInputLackedGoesAtTheEnd() throws IOException {
    Conversation c = exact();
    assertThat(c.extras().isAbsent("is_archived")).isTrue();
    Conversation archived =
        new Conversation(
            c.id(),
            c.conversationId(),
            c.title(),
            c.createTime(),
            c.updateTime(),
            c.nodes(),
            c.currentNode(),
            c.defaultModelSlug(),
            c.gizmoId(),
            Boolean.TRUE,
            c.warnings(),
            c.extras().typed("is_archived"));
    assertThat(ExportWriter.toJson(archived))
        .endsWith("\"moderation_results\":[],\"is_archived\":true}");
  }
}
