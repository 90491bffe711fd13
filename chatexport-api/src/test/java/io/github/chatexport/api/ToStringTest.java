package io.github.chatexport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exports are private data and {@code toString()} ends up in logs: no record's {@code toString()} may show what a
 * person wrote, was told, or gave as personal data.
 */
class ToStringTest {
  private static final String SECRET = "Zq7-hunter2-Xv9";

  private static String secret(String where) {
    return "my " + where + " is " + SECRET + "!";
  }

  private static final RawJson.JsonObject SECRET_OBJECT = RawJson.JsonObject.EMPTY
      .with("text", RawJson.of(secret("raw text")))
      .with(SECRET, new RawJson.JsonArray(List.of(RawJson.of(secret("element")))));

  private static final Extras SECRET_EXTRAS =
      new Extras(Map.of(SECRET, RawJson.of(secret("extra field"))), Set.of());

  private static final Metadata SECRET_METADATA = new Metadata(RawJson.JsonObject.EMPTY
      .with("attachments", new RawJson.JsonArray(List.of(RawJson.JsonObject.EMPTY
          .with("id", RawJson.of("file-1"))
          .with("name", RawJson.of(secret("file name"))))))
      .with("citations", new RawJson.JsonArray(List.of(RawJson.JsonObject.EMPTY
          .with("metadata", RawJson.JsonObject.EMPTY
              .with("title", RawJson.of(secret("cited title")))
              .with("url", RawJson.of("https://example.org/" + SECRET))))))
      .with("content_references", new RawJson.JsonArray(List.of(RawJson.JsonObject.EMPTY
          .with("matched_text", RawJson.of(secret("matched text")))
          .with("type", RawJson.of("grouped_webpages")))))
      .with("search_result_groups", new RawJson.JsonArray(List.of(RawJson.JsonObject.EMPTY
          .with("domain", RawJson.of("example.org"))
          .with("entries", new RawJson.JsonArray(List.of(RawJson.JsonObject.EMPTY
              .with("title", RawJson.of(secret("result title")))
              .with("snippet", RawJson.of(secret("snippet")))
              .with("url", RawJson.of("https://example.org/" + SECRET))))))))
      .with("finish_details", RawJson.JsonObject.EMPTY.with("type", RawJson.of("stop"))
          .with("note", RawJson.of(secret("finish note"))))
      .with("user_context_message_data", SECRET_OBJECT));

  private static List<Content> contents() {
    Part.AudioAssetPointer audio = new Part.AudioAssetPointer("sediment://file_a", 1L, "wav", null, SECRET_OBJECT,
        SECRET_EXTRAS);
    return List.of(
        new Content.Text(List.of(secret("prompt"), secret("second part")), SECRET_EXTRAS),
        new Content.MultimodalText(List.of(
            new Part.PlainText(secret("plain part")),
            new Part.TextObject(secret("text object"), SECRET_EXTRAS),
            new Part.AudioTranscription(secret("transcript"), "in", SECRET_EXTRAS),
            new Part.ImageAssetPointer("sediment://file_i", 1L, 1, 1, null, SECRET_OBJECT, SECRET_EXTRAS),
            audio,
            new Part.RealTimeUserAudioVideoAssetPointer(null, audio, SECRET_OBJECT, List.of(SECRET_OBJECT), null,
                SECRET_EXTRAS),
            new Part.Unknown(SECRET_OBJECT),
            Part.Null.INSTANCE), SECRET_EXTRAS),
        new Content.Code("python", null, secret("code"), SECRET_EXTRAS),
        new Content.ExecutionOutput(secret("output"), SECRET_EXTRAS),
        new Content.TetherBrowsingDisplay(secret("result"), secret("summary"), SECRET_EXTRAS),
        new Content.TetherQuote("https://example.org/" + SECRET, "example.org", secret("quote"), secret("title"),
            SECRET_EXTRAS),
        new Content.SystemError("ToolError", secret("error text"), SECRET_EXTRAS),
        new Content.UserEditableContext(secret("profile"), secret("instructions"), SECRET_EXTRAS),
        new Content.ModelEditableContext(secret("memory"), SECRET_EXTRAS),
        new Content.Thoughts(List.of(new Content.Thought(secret("summary"), secret("thought"),
            List.of(secret("chunk")), true, SECRET_EXTRAS)), "msg-1", SECRET_EXTRAS),
        new Content.ReasoningRecap(secret("recap"), SECRET_EXTRAS),
        new Content.ComputerOutput("computer-1", SECRET_OBJECT, SECRET_OBJECT, false, SECRET_EXTRAS),
        new Content.SonicWebpage("https://example.org/" + SECRET, "example.org", secret("page title"),
            secret("page text"), secret("snippet"), SECRET_EXTRAS),
        new Content.Unknown("brand_new", SECRET_OBJECT.with("content_type", RawJson.of("brand_new"))));
  }

  static Stream<Arguments> values() {
    List<Object> values = new ArrayList<>();
    List<Content> contents = contents();
    values.addAll(contents);
    for (Content content : contents) {
      if (content instanceof Content.MultimodalText multimodal) {
        values.addAll(multimodal.parts());
      }
      if (content instanceof Content.Thoughts thoughts) {
        values.addAll(thoughts.thoughts());
      }
    }

    Author author = new Author("user", null, SECRET_OBJECT, SECRET_EXTRAS);
    List<MessageNode> nodes = new ArrayList<>();
    nodes.add(new MessageNode("root", null, null, List.of("n0"), SECRET_EXTRAS));
    for (int i = 0; i < contents.size(); i++) {
      Message message = new Message("n" + i, author, Instant.EPOCH, null, contents.get(i), "finished_successfully",
          true, BigDecimal.ONE, SECRET_METADATA, "all", null, SECRET_EXTRAS);
      nodes.add(new MessageNode("n" + i, message, i == 0 ? "root" : "n" + (i - 1), List.of(), SECRET_EXTRAS));
    }
    Conversation conversation = Conversation.of("conv-1", secret("title"), nodes)
        .withExtras(SECRET_EXTRAS)
        .withWarnings(List.of(new Warning(Warning.Kind.TYPE_MISMATCH, "title is a number",
            new Location("export.zip", "conversations.json", 1, 2, 3, "$[0].title", "conv-1"))));
    values.add(conversation);
    values.addAll(conversation.nodes().values());
    values.addAll(conversation.messages());
    values.add(conversation.activeBranch());
    values.addAll(conversation.branches());
    values.addAll(conversation.warnings());
    values.add(conversation.warnings().get(0).location());
    values.add(author);
    values.add(new Account("user-1", SECRET + "@example.org", true, "+41 " + SECRET, 1990, SECRET_EXTRAS));
    values.add(SECRET_EXTRAS);
    values.add(new Extras(Map.of(), Set.of("title")));
    values.add(SECRET_METADATA);
    values.add(SECRET_METADATA.finishDetails().orElseThrow());
    values.addAll(SECRET_METADATA.attachments());
    values.addAll(SECRET_METADATA.citations());
    values.addAll(SECRET_METADATA.contentReferences());
    values.addAll(SECRET_METADATA.searchResults());
    values.add(SECRET_OBJECT);
    values.add(SECRET_OBJECT.get("text"));
    values.add(SECRET_OBJECT.get(SECRET));
    values.add(new RawJson.JsonNumber("31415926"));
    values.add(RawJson.of(true));
    values.add(RawJson.JsonNull.NULL);
    values.add(RawJson.JsonNull.MISSING);
    return values.stream().map(v -> Arguments.of(v.getClass().getSimpleName(), v));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void toStringNeverShowsContent(String type, Object value) {
    assertThat(value.toString()).doesNotContain(SECRET).doesNotContain("31415926");
  }
}
