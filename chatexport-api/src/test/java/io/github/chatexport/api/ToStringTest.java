package io.github.chatexport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exports are private data and {@code toString()} ends up in logs: no record's {@code toString()}
 * may show what a person wrote, was told, or gave as personal data. It shows ids, kinds, types,
 * counts, sizes and positions; never text, titles, URLs, e-mail addresses or phone numbers, nor
 * file names that carry an upload's name (asset entries and display names, manifest file names).
 * Every record of the package is checked, found by reflection.
 */
class ToStringTest {
  private static final String SECRET = "Zq7-hunter2-Xv9";

  private static String secret(String where) {
    return "my " + where + " is " + SECRET + "!";
  }

  private static final RawJson.JsonObject SECRET_OBJECT =
      RawJson.JsonObject.EMPTY
          .with("text", RawJson.of(secret("raw text")))
          .with(SECRET, new RawJson.JsonArray(List.of(RawJson.of(secret("element")))));

  private static final Extras SECRET_EXTRAS =
      new Extras(Map.of(SECRET, RawJson.of(secret("extra field"))), Set.of());

  private static final Metadata SECRET_METADATA =
      new Metadata(
          RawJson.JsonObject.EMPTY
              .with(
                  "attachments",
                  new RawJson.JsonArray(
                      List.of(
                          RawJson.JsonObject.EMPTY
                              .with("id", RawJson.of("file-1"))
                              .with("name", RawJson.of(secret("file name"))))))
              .with(
                  "citations",
                  new RawJson.JsonArray(
                      List.of(
                          RawJson.JsonObject.EMPTY.with(
                              "metadata",
                              RawJson.JsonObject.EMPTY
                                  .with("title", RawJson.of(secret("cited title")))
                                  .with("url", RawJson.of("https://example.org/" + SECRET))))))
              .with(
                  "content_references",
                  new RawJson.JsonArray(
                      List.of(
                          RawJson.JsonObject.EMPTY
                              .with("matched_text", RawJson.of(secret("matched text")))
                              .with("type", RawJson.of("grouped_webpages")))))
              .with(
                  "search_result_groups",
                  new RawJson.JsonArray(
                      List.of(
                          RawJson.JsonObject.EMPTY
                              .with("domain", RawJson.of("example.org"))
                              .with(
                                  "entries",
                                  new RawJson.JsonArray(
                                      List.of(
                                          RawJson.JsonObject.EMPTY
                                              .with("title", RawJson.of(secret("result title")))
                                              .with("snippet", RawJson.of(secret("snippet")))
                                              .with(
                                                  "url",
                                                  RawJson.of("https://example.org/" + SECRET))))))))
              .with(
                  "finish_details",
                  RawJson.JsonObject.EMPTY
                      .with("type", RawJson.of("stop"))
                      .with("note", RawJson.of(secret("finish note"))))
              .with("user_context_message_data", SECRET_OBJECT));

  private static List<Content> contents() {
    Part.AudioAssetPointer audio =
        new Part.AudioAssetPointer(
            "sediment://file_a", 1L, "wav", null, SECRET_OBJECT, SECRET_EXTRAS);
    return List.of(
        new Content.Text(List.of(secret("prompt"), secret("second part")), SECRET_EXTRAS),
        new Content.MultimodalText(
            List.of(
                new Part.PlainText(secret("plain part")),
                new Part.TextObject(secret("text object"), SECRET_EXTRAS),
                new Part.AudioTranscription(secret("transcript"), "in", SECRET_EXTRAS),
                new Part.ImageAssetPointer(
                    "sediment://file_i", 1L, 1, 1, null, SECRET_OBJECT, SECRET_EXTRAS),
                audio,
                new Part.RealTimeUserAudioVideoAssetPointer(
                    null, audio, SECRET_OBJECT, List.of(SECRET_OBJECT), null, SECRET_EXTRAS),
                new Part.Unknown(SECRET_OBJECT),
                Part.Null.INSTANCE),
            SECRET_EXTRAS),
        new Content.Code("python", null, secret("code"), SECRET_EXTRAS),
        new Content.ExecutionOutput(secret("output"), SECRET_EXTRAS),
        new Content.TetherBrowsingDisplay(secret("result"), secret("summary"), SECRET_EXTRAS),
        new Content.TetherQuote(
            "https://example.org/" + SECRET,
            "example.org",
            secret("quote"),
            secret("title"),
            SECRET_EXTRAS),
        new Content.SystemError("ToolError", secret("error text"), SECRET_EXTRAS),
        new Content.UserEditableContext(secret("profile"), secret("instructions"), SECRET_EXTRAS),
        new Content.ModelEditableContext(secret("memory"), SECRET_EXTRAS),
        new Content.Thoughts(
            List.of(
                new Content.Thought(
                    secret("summary"),
                    secret("thought"),
                    List.of(secret("chunk")),
                    true,
                    SECRET_EXTRAS)),
            "msg-1",
            SECRET_EXTRAS),
        new Content.ReasoningRecap(secret("recap"), SECRET_EXTRAS),
        new Content.ComputerOutput(
            "computer-1", SECRET_OBJECT, SECRET_OBJECT, false, SECRET_EXTRAS),
        new Content.SonicWebpage(
            "https://example.org/" + SECRET,
            "example.org",
            secret("page title"),
            secret("page text"),
            secret("snippet"),
            SECRET_EXTRAS),
        new Content.Unknown(
            "brand_new", SECRET_OBJECT.with("content_type", RawJson.of("brand_new"))));
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
      Message message =
          new Message(
              "n" + i,
              author,
              Instant.EPOCH,
              null,
              contents.get(i),
              "finished_successfully",
              true,
              BigDecimal.ONE,
              SECRET_METADATA,
              "all",
              null,
              SECRET_EXTRAS);
      nodes.add(
          new MessageNode(
              "n" + i, message, i == 0 ? "root" : "n" + (i - 1), List.of(), SECRET_EXTRAS));
    }
    Conversation conversation =
        Conversation.of("conv-1", secret("title"), nodes)
            .withExtras(SECRET_EXTRAS)
            .withWarnings(
                List.of(
                    new Warning(
                        Warning.Kind.TYPE_MISMATCH,
                        "title is a number",
                        new Location(
                            "export.zip", "conversations.json", 1, 2, 3, "$[0].title", "conv-1"))));
    values.add(conversation);
    values.addAll(conversation.nodes().values());
    values.addAll(conversation.messages());
    values.add(conversation.activeBranch());
    values.addAll(conversation.branches());
    values.addAll(conversation.warnings());
    values.add(conversation.warnings().get(0).location());
    values.add(author);
    values.add(
        new Account("user-1", SECRET + "@example.org", true, "+41 " + SECRET, 1990, SECRET_EXTRAS));
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

    // the other files of the export
    Asset asset =
        new Asset(
            "file-1",
            "file-1-" + secret("upload name") + ".pdf",
            secret("display name"),
            "application/pdf",
            1234);
    values.add(asset);
    values.add(
        new AssetReference(
            "sediment://file-1", AssetReference.Kind.ATTACHMENT, "conv-1", "n1", asset));
    values.add(
        new AssetReference("sediment://file-2", AssetReference.Kind.IMAGE, "conv-1", "n1", null));
    values.add(new CanvasDocument("textdocs/doc-1.json", SECRET_OBJECT));
    CitationSpan.Source source =
        new CitationSpan.Source(secret("page title"), "https://example.org/" + SECRET);
    values.add(new CitationSpan(3, 9, List.of(source)));
    values.add(source);
    ExportManifest.File file =
        new ExportManifest.File(
            "file-1-" + secret("upload name") + ".pdf",
            1234L,
            List.of(SECRET + "-000.json"),
            SECRET_EXTRAS);
    values.add(
        new ExportManifest(
            1, List.of(file), Map.of(SECRET, List.of(secret("logical file"))), SECRET_EXTRAS));
    values.add(file);
    values.add(
        new Feedback(
            "fb-1",
            "n1",
            "conv-1",
            "user-1",
            "thumbsDown",
            Instant.EPOCH,
            RawJson.of(secret("feedback text")),
            SECRET_OBJECT,
            SECRET_EXTRAS));
    values.add(
        new LibraryFile(
            "file-1", secret("library file name"), "text/plain", "n1", "conv-1", SECRET_EXTRAS));
    values.add(
        new ModelComparison(
            "cmp-1", "user-1", SECRET_OBJECT, SECRET_OBJECT, Instant.EPOCH, SECRET_EXTRAS));
    values.add(
        new SharedConversation(
            "share-1",
            "conv-1",
            secret("shared title"),
            Instant.EPOCH,
            Instant.EPOCH,
            false,
            SECRET_EXTRAS));
    return values.stream().map(v -> Arguments.of(v.getClass().getSimpleName(), v));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void toStringNeverShowsContent(String type, Object value) {
    assertThat(value.toString()).doesNotContain(SECRET).doesNotContain("31415926");
  }

  /**
   * Every record of the api's package has a value above (with user data in every component that can
   * hold it): a record added later without one fails here.
   */
  @Test
  void everyRecordOfTheApiIsChecked() throws IOException, URISyntaxException {
    Set<Class<?>> checked = values().map(a -> a.get()[1].getClass()).collect(Collectors.toSet());

    List<Class<?>> records = apiTypes().stream().filter(Class::isRecord).toList();

    assertThat(records)
        .hasSizeGreaterThan(40)
        .contains(Asset.class, Content.Text.class, CitationSpan.Source.class);
    assertThat(records)
        .allSatisfy(
            r -> assertThat(checked).as("a value of %s in values()", r.getName()).contains(r));
  }

  /**
   * The public types of the package {@code io.github.chatexport.api} (nested ones too), from its
   * classes.
   */
  private static List<Class<?>> apiTypes() throws IOException, URISyntaxException {
    String prefix = Asset.class.getPackageName().replace('.', '/') + "/";
    List<String> names;
    Module module = Asset.class.getModule();
    if (module.isNamed() && module.getLayer() != null) {
      ModuleReference ref =
          module.getLayer().configuration().findModule(module.getName()).orElseThrow().reference();
      try (ModuleReader reader = ref.open();
          Stream<String> all = reader.list()) {
        names = all.toList();
      }
    } else {
      Path root = Path.of(Asset.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (Stream<Path> all = Files.walk(root)) {
        names =
            all.map(p -> root.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                .toList();
      }
    }
    List<Class<?>> out = new ArrayList<>();
    for (String name : names) {
      if (!name.startsWith(prefix)
          || !name.endsWith(".class")
          || name.indexOf('/', prefix.length()) >= 0
          || name.endsWith("-info.class")) {
        continue;
      }
      String binary = name.substring(0, name.length() - ".class".length()).replace('/', '.');
      try {
        Class<?> type = Class.forName(binary, false, Asset.class.getClassLoader());
        if (Modifier.isPublic(type.getModifiers())) {
          out.add(type);
        }
      } catch (ClassNotFoundException e) {
        throw new AssertionError(binary, e);
      }
    }
    return out;
  }
}
