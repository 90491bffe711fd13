package io.github.chatexport.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.core.ExportWriter;
import io.github.chatexport.testdata.Fixture;
import io.github.chatexport.testdata.Fixtures;
import io.github.chatexport.testdata.generator.Era;
import io.github.chatexport.testdata.generator.ExportGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonPartsTest {
  @TempDir Path dir;

  @Test
  void cutsIntoTheShellAndTheNodesTexts() {
    String json =
        "{\"title\":\"a {\\\"quoted\\\"} title\",\"mapping\":{\"root\":{\"id\":\"root\","
            + "\"children\":[\"n1\"]},\"n1\":{\"x\":\"}]\\\\\",\"n\":[1.50,-0,2e3]},"
            + "\"s\":\"str\",\"z\":12.50,\"nul\":null,\"t\":true},\"current_node\":\"n1\","
            + "\"mapping\":{\"second\":1}}";
    JsonParts.Cut cut = JsonParts.cut(json);
    assertThat(cut.shell())
        .isEqualTo(
            "{\"title\":\"a {\\\"quoted\\\"} title\",\"mapping\":{},\"current_node\":\"n1\","
                + "\"mapping\":{\"second\":1}}");
    assertThat(cut.nodes())
        .containsExactly(
            new JsonParts.Node("root", "{\"id\":\"root\",\"children\":[\"n1\"]}"),
            new JsonParts.Node("n1", "{\"x\":\"}]\\\\\",\"n\":[1.50,-0,2e3]}"),
            new JsonParts.Node("s", "\"str\""),
            new JsonParts.Node("z", "12.50"),
            new JsonParts.Node("nul", "null"),
            new JsonParts.Node("t", "true"));
    assertThat(joined(cut)).isEqualTo(json);
  }

  @Test
  void aConversationWithoutAMappingIsItsOwnShell() {
    JsonParts.Cut cut = JsonParts.cut("{\"title\":\"t\",\"mapping\":null}");
    assertThat(cut.shell()).isEqualTo("{\"title\":\"t\",\"mapping\":null}");
    assertThat(cut.nodes()).isEmpty();
  }

  @Test
  void refusesWhatIsNotOneObject() {
    assertThatThrownBy(() -> JsonParts.cut("[]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonParts.cut("{\"a\":1} {}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The archive stores the pieces by their SHA-256: for what chatexport writes, the slices must be
   * exactly what writing each piece again gives, as the cutting did before it sliced.
   */
  @Test
  void slicesWhatChatexportWritesAsWritingThePiecesAgainWould() throws IOException {
    List<Path> exports = new ArrayList<>();
    for (Fixture f : Fixtures.all()) {
      if (!f.group().equals("malformed") && !f.path().startsWith("search/")) {
        Path copy = f.copyTo(Files.createDirectories(dir.resolve(f.path().replace('/', '_'))));
        if (f.group().equals("archive")) {
          try (Stream<Path> sequence = Files.list(copy)) {
            sequence.filter(Files::isDirectory).sorted().forEach(exports::add);
          }
        } else {
          exports.add(copy);
        }
      }
    }
    for (Era era : Era.values()) {
      Path file = dir.resolve("generated-" + era + ".json");
      ExportGenerator.builder()
          .seed(7)
          .conversations(40)
          .era(era)
          .build()
          .writeConversationsJson(file);
      exports.add(file);
    }
    int conversations = 0;
    for (Path export : exports) {
      try (ExportReader reader = ExportReader.open(export);
          Stream<Conversation> all = reader.conversations()) {
        for (Conversation c : (Iterable<Conversation>) all::iterator) {
          String json = ExportWriter.toJson(c);
          JsonParts.Cut cut = JsonParts.cut(json);
          assertThat(cut).as(export + " " + c.id()).isEqualTo(cutByWriting(json));
          assertThat(joined(cut)).isEqualTo(json);
          conversations++;
        }
      } catch (ChatExportException e) {
        // damaged on purpose (a truncated export): what came before the damage was cut above
      }
    }
    assertThat(conversations).isGreaterThan(200);
  }

  private static String joined(JsonParts.Cut cut) {
    StringWriter out = new StringWriter();
    List<Map.Entry<String, String>> nodes = new ArrayList<>();
    for (JsonParts.Node n : cut.nodes()) {
      nodes.add(new AbstractMap.SimpleEntry<>(n.id(), n.json()));
    }
    try {
      JsonParts.join(cut.shell(), nodes, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The cutting before it sliced: each piece written again, token by token. */
  private static JsonParts.Cut cutByWriting(String json) throws IOException {
    JsonFactory factory = JsonFactory.builder().build();
    List<JsonParts.Node> nodes = new ArrayList<>();
    StringWriter shell = new StringWriter();
    try (JsonParser p = factory.createParser(json);
        JsonGenerator g = factory.createGenerator(shell)) {
      p.nextToken();
      g.writeStartObject();
      boolean mappingDone = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        g.writeFieldName(name);
        JsonToken value = p.nextToken();
        if (!mappingDone && name.equals("mapping") && value == JsonToken.START_OBJECT) {
          mappingDone = true;
          g.writeStartObject();
          g.writeEndObject();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String id = p.currentName();
            p.nextToken();
            StringWriter node = new StringWriter();
            try (JsonGenerator ng = factory.createGenerator(node)) {
              JsonParts.copy(p, ng);
            }
            nodes.add(new JsonParts.Node(id, node.toString()));
          }
        } else {
          JsonParts.copy(p, g);
        }
      }
      g.writeEndObject();
    }
    return new JsonParts.Cut(shell.toString(), List.copyOf(nodes));
  }
}
