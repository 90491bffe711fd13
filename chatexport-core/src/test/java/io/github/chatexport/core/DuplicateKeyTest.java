package io.github.chatexport.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.Warning;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key met twice in one object: the later occurrence wins, in its own place; the earlier one
 * leaves nothing (no typed value, no extra, no number text, no place in the key order), and a
 * warning says so. The fuzz finding {@code
 * conversationsFile/regression-duplicate-typed-key-round-trip} is the same case in a larger export.
 */
class DuplicateKeyTest {
  @TempDir Path tmp;

  private static final String INPUT =
      "[{\"id\":\"c1\",\"title\":\"A\",\"title\":\"B\",\"mapping\":{\"n1\":{"
          + "\"id\":\"n1\",\"message\":{\"id\":\"m1\",\"author\":{\"role\":\"user\"},\"weight\":1e0,\"author\":7,"
          + "\"content\":{\"content_type\":\"text\",\"parts\":[\"hi\"],\"parts\":[\"bye\"]},\"weight\":2},"
          + "\"parent\":null,\"children\":[]}},\"current_node\":\"n1\"}]";

  private Conversation read(String json) throws IOException {
    Path file = tmp.resolve("conversations.json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    try (ExportReader export = ExportReader.open(file);
        Stream<Conversation> all = export.conversations()) {
      List<Conversation> list = all.toList();
      assertThat(list).hasSize(1);
      return list.get(0);
    }
  }

  @Test
  void theLaterOccurrenceWinsAndTheEarlierLeavesNothing() throws IOException {
    Conversation c = read(INPUT);
    assertThat(c.title()).isEqualTo("B");
    Message m = c.nodes().get("n1").message();
    assertThat(m).isNotNull();
    // The typed author of the first occurrence is gone: the number is kept raw, as any mistyped
    // author is.
    assertThat(m.author().role()).isEmpty();
    assertThat(m.weight()).isEqualTo(new BigDecimal("2"));
    assertThat(c.warnings())
        .extracting(
            w -> w.kind() + " " + w.location().jsonPath() + " @" + w.location().byteOffset())
        .containsExactly(
            "DUPLICATE_KEY $[0].title @24",
            "DUPLICATE_KEY $[0].mapping.n1.message.author @122",
            "TYPE_MISMATCH $[0].mapping.n1.message.author @131",
            "DUPLICATE_KEY $[0].mapping.n1.message.content.parts @181",
            "DUPLICATE_KEY $[0].mapping.n1.message.weight @198");
  }

  @Test
  void aRepeatedKeyIsWrittenOnceWhereItsLaterOccurrenceWas() throws IOException {
    assertThat(ExportWriter.toJson(read(INPUT)))
        .isEqualTo(
            "{\"id\":\"c1\",\"title\":\"B\",\"mapping\":{\"n1\":{"
                + "\"id\":\"n1\",\"message\":{\"id\":\"m1\",\"author\":7,"
                + "\"content\":{\"content_type\":\"text\",\"parts\":[\"bye\"]},\"weight\":2},"
                + "\"parent\":null,\"children\":[]}},\"current_node\":\"n1\"}");
  }

  @Test
  void writtenAndReadAgainTheConversationIsEqual() throws IOException {
    Conversation once = read(INPUT);
    Conversation again = read("[" + ExportWriter.toJson(once) + "]");
    assertThat(again.warnings())
        .extracting(Warning::kind)
        .containsExactly(Warning.Kind.TYPE_MISMATCH);
    assertThat(again.withWarnings(List.of())).isEqualTo(once.withWarnings(List.of()));
  }

  @Test
  void aLargeObjectWithManyRepeatsKeepsEachKeyOnceWhereItWasLast() throws IOException {
    // Past the scanned sizes, repeated keys go through an index and leave holes: the order must
    // still be right.
    StringBuilder json = new StringBuilder("[{\"id\":\"c1\",\"mapping\":{}");
    for (int i = 0; i < 40; i++) {
      json.append(",\"k").append(i).append("\":").append(i);
    }
    for (int i = 0; i < 40; i += 2) {
      json.append(",\"k").append(i).append("\":-").append(i);
    }
    json.append(",\"title\":\"t\",\"title\":\"u\"}]");
    StringBuilder expected = new StringBuilder("{\"id\":\"c1\",\"mapping\":{}");
    for (int i = 1; i < 40; i += 2) {
      expected.append(",\"k").append(i).append("\":").append(i);
    }
    for (int i = 0; i < 40; i += 2) {
      expected.append(",\"k").append(i).append("\":-").append(i);
    }
    expected.append(",\"title\":\"u\"}");
    Conversation c = read(json.toString());
    assertThat(c.warnings()).filteredOn(w -> w.kind() == Warning.Kind.DUPLICATE_KEY).hasSize(21);
    assertThat(ExportWriter.toJson(c)).isEqualTo(expected.toString());
  }
}
