package io.github.chatexport.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chatexport.api.Content;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.MessageNode;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.testdata.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportWriterTest {
  @TempDir Path tmp;

  private static List<Conversation> read(Path path) throws IOException {
    try (ExportReader export = ExportReader.open(path);
        Stream<Conversation> all = export.conversations()) {
      return all.toList();
    }
  }

  private static RawJson json(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return JsonValues.parse(in);
    }
  }

  @Test
  void writesChangesAndKeepsEverythingElse() throws IOException {
    Path input = Fixtures.get("conversations/era-2025-reasoning-voice.json").copyTo(tmp);
    List<Conversation> original = read(input);
    Conversation first = original.get(0);
    String removed =
        first.activeBranch().messages().get(first.activeBranch().messages().size() - 1).id();
    Map<String, MessageNode> nodes = new LinkedHashMap<>();
    for (MessageNode node : first.nodes().values()) {
      Message m = node.message();
      if (m != null && m.id().equals(removed)) {
        nodes.put(node.id(), node.withMessage(null));
      } else if (m != null && m.author().isUser() && m.content() instanceof Content.Text) {
        nodes.put(node.id(), node.withMessage(m.withContent(Content.Text.of("[redacted]"))));
      } else {
        nodes.put(node.id(), node);
      }
    }
    Conversation changed = first.withTitle("A new title").withNodes(nodes);

    Path output = tmp.resolve("changed.json");
    try (ExportWriter out = ExportWriter.open(output)) {
      out.write(changed);
      // every other conversation is dropped
    }
    List<Conversation> back = read(output);
    assertThat(back).hasSize(1);
    Conversation c = back.get(0);
    assertThat(c.title()).isEqualTo("A new title");
    assertThat(c.nodes().get(removedNode(first, removed)).message()).isNull();
    assertThat(c.messages())
        .filteredOn(m -> m.author().isUser() && m.content() instanceof Content.Text)
        .allSatisfy(m -> assertThat(m.text()).isEqualTo("[redacted]"));

    RawJson before = json(input).get(0);
    RawJson after = json(output).get(0);
    assertThat(after.get("title").asString()).contains("A new title");
    assertThat(after.get("create_time").asNumber()).isEqualTo(before.get("create_time").asNumber());
    // Untouched fields stay as they were, value for value, unknown ones included.
    for (String key : ((RawJson.JsonObject) before).members().keySet()) {
      if (!key.equals("title") && !key.equals("mapping")) {
        assertThat(JsonValues.firstDifference(before.get(key), after.get(key))).as(key).isNull();
      }
    }
    assertThat(((RawJson.JsonObject) after.get("mapping")).members().keySet())
        .containsExactlyElementsOf(((RawJson.JsonObject) before.get("mapping")).members().keySet());
  }

  private static String removedNode(Conversation c, String messageId) {
    return c.nodes().values().stream()
        .filter(n -> n.message() != null && n.message().id().equals(messageId))
        .findFirst()
        .orElseThrow()
        .id();
  }

  @Test
  void keepsTheOrderOfMappingKeys() throws IOException {
    Path input = Fixtures.get("conversations/alphabetical-keys.json").copyTo(tmp);
    Path output = tmp.resolve("out.json");
    try (ExportReader in = ExportReader.open(input);
        ExportWriter out = ExportWriter.open(output);
        Stream<Conversation> all = in.conversations()) {
      for (Conversation c : (Iterable<Conversation>) all::iterator) {
        out.write(c);
      }
    }
    assertThat(((RawJson.JsonObject) json(output).get(0).get("mapping")).members().keySet())
        .containsExactlyElementsOf(
            ((RawJson.JsonObject) json(input).get(0).get("mapping")).members().keySet());
  }

  @Test
  void writesShardsWithAManifestThatReadBackInOrder() throws IOException {
    Path input = Fixtures.get("conversations/several-roots.json").copyTo(tmp);
    List<Conversation> original =
        read(Fixtures.get("conversations/edited-prompt.json").copyTo(tmp));
    List<Conversation> more = read(input);
    Path dir = tmp.resolve("sharded");
    try (ExportWriter out = ExportWriter.folder(dir, 1)) {
      for (Conversation c : original) {
        out.write(c);
      }
      for (Conversation c : more) {
        out.write(c);
      }
      out.writeJson("sora.json", RawJson.JsonObject.EMPTY);
    }
    assertThat(dir.resolve("conversations-000.json")).exists();
    try (ExportReader export = ExportReader.open(dir)) {
      assertThat(export.layout().source()).isEqualTo(ExportLayout.Source.MANIFEST_SHARDS);
      assertThat(export.manifest().orElseThrow().shards()).hasSize(original.size() + more.size());
      assertThat(export.conversations().map(Conversation::id))
          .containsExactlyElementsOf(
              Stream.concat(original.stream(), more.stream()).map(Conversation::id).toList());
      assertThat(export.json("sora.json")).contains(RawJson.JsonObject.EMPTY);
    }
  }

  @Test
  void writesAWholeExportZipWithItsFilesAndAssets() throws IOException {
    Path source = Fixtures.get("exports/basic-2024/").copyTo(tmp);
    Files.write(
        source.resolve("file-Abc12-photo.png"),
        new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
    Path zip = tmp.resolve("copy.zip");
    try (ExportReader in = ExportReader.open(source);
        ExportWriter out = ExportWriter.zip(zip, 0);
        Stream<Conversation> all = in.conversations()) {
      for (Conversation c : (Iterable<Conversation>) all::iterator) {
        out.write(c);
      }
      out.writeAccount(in.account().orElseThrow().withEmail(null).withPhoneNumber(null));
      assertThat(out.copyFiles(in, name -> true)).isEqualTo(in.files().size() - 2);
      assertThatThrownBy(
              () -> out.writeFile("../escape.txt", new ByteArrayInputStream(new byte[0])))
          .isInstanceOf(IllegalArgumentException.class);
    }
    try (ExportReader back = ExportReader.open(zip);
        ExportReader original = ExportReader.open(source)) {
      assertThat(back.files()).containsExactlyInAnyOrderElementsOf(original.files());
      assertThat(back.account().orElseThrow().email()).isNull();
      assertThat(back.account().orElseThrow().phoneNumber()).isNull();
      assertThat(back.assets().resolve("file-service://file-Abc12")).isPresent();
      assertThat(back.conversations().map(Conversation::id))
          .containsExactlyElementsOf(original.conversations().map(Conversation::id).toList());
    }
  }

  @Test
  void refusesConversationsAfterOtherFilesOfASingleFileZip() throws IOException {
    try (ExportWriter out = ExportWriter.zip(tmp.resolve("x.zip"), 0)) {
      out.writeJson("shopping.json", RawJson.JsonArray.EMPTY);
      assertThatThrownBy(() -> out.write(Conversation.of("c", "t", List.of())))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void writesTimesAsTheExportDoes() throws IOException {
    Path output = tmp.resolve("times.json");
    String input =
        "[{\"id\":\"c\",\"create_time\":1695326273.968528,\"update_time\":1682606050.0,"
            + "\"mapping\":{},\"current_node\":null}]";
    Path in = tmp.resolve("in.json");
    Files.writeString(in, input, UTF_8);
    try (ExportWriter out = ExportWriter.open(output)) {
      out.write(read(in).get(0));
    }
    String written = Files.readString(output, UTF_8);
    assertThat(written)
        .contains("\"create_time\":1695326273.968528")
        .contains("\"update_time\":1682606050.0");
  }
}
