package io.github.chatexport.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The records serialize sensibly with a plain jackson-databind {@link ObjectMapper} (no modules, no
 * configuration): snake_case names as in the export, extra fields inlined, raw JSON written as JSON, timestamps as
 * the export's seconds, and no derived views or warnings.
 */
class JacksonSerializationTest {
  private final ObjectMapper mapper = new ObjectMapper();
  /** Reads what {@link #mapper} wrote back into a tree, keeping decimal numbers exactly as written. */
  private final ObjectMapper reader = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  private static final Instant CREATED = Instant.ofEpochSecond(1695326273L, 968_528_000);
  private static final Instant UPDATED = Instant.ofEpochSecond(1695326280L);

  private String json(Object value) throws JsonProcessingException {
    return mapper.writeValueAsString(value);
  }

  private JsonNode tree(Object value) throws JsonProcessingException {
    return reader.readTree(json(value));
  }

  private static RawJson.JsonObject obj(String key, RawJson value) {
    return RawJson.JsonObject.EMPTY.with(key, value);
  }

  private static Extras extraField(String name, RawJson value, String... absent) {
    return new Extras(Map.of(name, value), Set.of(absent));
  }

  @Test
  void aConversationWritesTheExportsNamesAndItsMapping() throws Exception {
    Message user = Message.of("u", Author.of("user"), Content.Text.of("Hello")).withCreateTime(CREATED);
    Message answer = Message.of("a", Author.of("assistant"), Content.Text.of("Hi")).withUpdateTime(UPDATED);
    Map<String, MessageNode> nodes = orderedNodes(
        new MessageNode("r", null, null, List.of("u"), Extras.NONE),
        new MessageNode("u", user, "r", List.of("a"), Extras.NONE),
        new MessageNode("a", answer, "u", List.of(), Extras.NONE));
    Conversation c = new Conversation("c-1", "c-1", "Greeting", CREATED, UPDATED, nodes, "a", "auto", null, false,
        List.of(new Warning(Warning.Kind.CYCLE, "w", Location.UNKNOWN)),
        extraField("moderation_results", RawJson.JsonArray.EMPTY, "plugin_ids"));

    String written = json(c);

    assertThat(written).startsWith("{\"id\":\"c-1\",\"conversation_id\":\"c-1\",\"title\":\"Greeting\","
        + "\"create_time\":1695326273.968528,\"update_time\":1695326280,\"mapping\":{\"r\":");
    JsonNode tree = reader.readTree(written);
    assertThat(fieldNames(tree)).containsExactly("id", "conversation_id", "title", "create_time", "update_time",
        "mapping", "current_node", "default_model_slug", "gizmo_id", "is_archived", "moderation_results");
    assertThat(tree.get("current_node").asText()).isEqualTo("a");
    assertThat(tree.get("is_archived").asBoolean()).isFalse();
    assertThat(fieldNames(tree.get("mapping"))).containsExactly("r", "u", "a");
    assertThat(tree.get("mapping").get("u").toString()).startsWith(
        "{\"id\":\"u\",\"message\":{\"id\":\"u\",\"author\":{\"role\":\"user\",\"name\":null,\"metadata\":{}},"
        + "\"create_time\":1695326273.968528,\"update_time\":null,\"content\":{\"content_type\":\"text\","
        + "\"parts\":[\"Hello\"]},");
    assertThat(tree.get("mapping").get("u").get("parent").asText()).isEqualTo("r");
    assertThat(tree.get("mapping").get("u").get("children")).hasSize(1);
    assertThat(tree.get("mapping").get("r").get("message").isNull()).isTrue();
    assertThat(tree.get("mapping").get("r").get("parent").isNull()).isTrue();
    assertThat(written).doesNotContain("warnings", "activeBranch", "active_branch", "branches", "hasBranches",
        "messages", "nodes", "absent", "plugin_ids", "extras", "parentId", "childIds", "shownInChat", "shown_in_chat");
  }

  @Test
  void aMessageWritesItsComponentsAndMetadataButNoDerivedViews() throws Exception {
    Metadata metadata = new Metadata(RawJson.JsonObject.EMPTY
        .with("model_slug", RawJson.of("gpt-4o"))
        .with("finish_details", obj("type", RawJson.of("stop")))
        .with("is_visually_hidden_from_conversation", RawJson.of(false))
        .with("citations", RawJson.JsonArray.EMPTY));
    Message m = new Message("m-1", new Author("tool", "python", obj("real_author", RawJson.of("x")), Extras.NONE),
        CREATED, UPDATED, new Content.ExecutionOutput("42", Extras.NONE), "finished_successfully", true,
        new BigDecimal("1.0"), metadata, "all", "final", extraField("sync_state", RawJson.of("ok"), "weight"));

    assertThat(json(m)).isEqualTo("{\"id\":\"m-1\","
        + "\"author\":{\"role\":\"tool\",\"name\":\"python\",\"metadata\":{\"real_author\":\"x\"}},"
        + "\"create_time\":1695326273.968528,\"update_time\":1695326280,"
        + "\"content\":{\"content_type\":\"execution_output\",\"text\":\"42\"},"
        + "\"status\":\"finished_successfully\",\"end_turn\":true,\"weight\":1.0,"
        + "\"metadata\":{\"model_slug\":\"gpt-4o\",\"finish_details\":{\"type\":\"stop\"},"
        + "\"is_visually_hidden_from_conversation\":false,\"citations\":[]},"
        + "\"recipient\":\"all\",\"channel\":\"final\",\"sync_state\":\"ok\"}");
  }

  @Test
  void timestampsAreTheExportsSecondsExactly() throws Exception {
    Message m = Message.of("m", Author.of("user"), Content.Text.of(""));

    assertThat(tree(m.withCreateTime(Instant.ofEpochSecond(1_700_000_000L))).get("create_time").toString())
        .isEqualTo("1700000000");
    assertThat(tree(m.withCreateTime(Instant.ofEpochSecond(1_700_000_000L, 500_000_000))).get("create_time")
        .toString()).isEqualTo("1700000000.5");
    assertThat(json(m.withCreateTime(Instant.ofEpochSecond(1_700_000_000L, 1)))).contains(
        "\"create_time\":1700000000.000000001");
    assertThat(json(m.withCreateTime(Instant.ofEpochSecond(-2, 250_000_000)))).contains("\"create_time\":-1.75");
    assertThat(json(m)).contains("\"create_time\":null,\"update_time\":null");
    Conversation c = Conversation.of("c", null, List.of()).withTimes(CREATED, Instant.ofEpochSecond(5, 100));
    assertThat(json(c)).contains("\"create_time\":1695326273.968528,\"update_time\":5.0000001,");
  }

  @Test
  void everyContentRecordWritesItsContentTypeFirstAndItsSnakeCaseFields() throws Exception {
    Extras extra = extraField("zz_extra", RawJson.of(1), "absent_field");

    assertThat(json(new Content.Text(List.of("a", "b"), extra)))
        .isEqualTo("{\"content_type\":\"text\",\"parts\":[\"a\",\"b\"],\"zz_extra\":1}");
    assertThat(json(new Content.Code("python", "fmt", "print(1)", Extras.NONE))).isEqualTo(
        "{\"content_type\":\"code\",\"language\":\"python\",\"response_format_name\":\"fmt\",\"text\":\"print(1)\"}");
    assertThat(json(new Content.Code(null, null, "x", Extras.NONE)))
        .isEqualTo("{\"content_type\":\"code\",\"text\":\"x\"}");
    assertThat(json(new Content.TetherBrowsingDisplay("r", "s", Extras.NONE)))
        .isEqualTo("{\"content_type\":\"tether_browsing_display\",\"result\":\"r\",\"summary\":\"s\"}");
    assertThat(json(new Content.TetherQuote("u", "d", "t", "ti", Extras.NONE))).isEqualTo(
        "{\"content_type\":\"tether_quote\",\"url\":\"u\",\"domain\":\"d\",\"text\":\"t\",\"title\":\"ti\"}");
    assertThat(json(new Content.SystemError("E", "t", Extras.NONE)))
        .isEqualTo("{\"content_type\":\"system_error\",\"name\":\"E\",\"text\":\"t\"}");
    assertThat(json(new Content.UserEditableContext("p", "i", Extras.NONE))).isEqualTo(
        "{\"content_type\":\"user_editable_context\",\"user_profile\":\"p\",\"user_instructions\":\"i\"}");
    assertThat(json(new Content.ModelEditableContext("m", extra)))
        .isEqualTo("{\"content_type\":\"model_editable_context\",\"model_set_context\":\"m\",\"zz_extra\":1}");
    assertThat(json(new Content.Thoughts(List.of(new Content.Thought("s", "c", List.of("c"), true, extra)), "src",
        Extras.NONE))).isEqualTo("{\"content_type\":\"thoughts\",\"thoughts\":[{\"summary\":\"s\",\"content\":\"c\","
        + "\"chunks\":[\"c\"],\"finished\":true,\"zz_extra\":1}],\"source_analysis_msg_id\":\"src\"}");
    assertThat(json(new Content.ReasoningRecap("Thought for 2s", Extras.NONE)))
        .isEqualTo("{\"content_type\":\"reasoning_recap\",\"content\":\"Thought for 2s\"}");
    assertThat(json(new Content.ComputerOutput("pc", obj("asset_pointer", RawJson.of("x")), null, true,
        Extras.NONE))).isEqualTo("{\"content_type\":\"computer_output\",\"computer_id\":\"pc\","
        + "\"screenshot\":{\"asset_pointer\":\"x\"},\"is_ephemeral\":true}");
    assertThat(json(new Content.SonicWebpage("u", "d", "t", "x", "s", Extras.NONE))).isEqualTo(
        "{\"content_type\":\"sonic_webpage\",\"url\":\"u\",\"domain\":\"d\",\"title\":\"t\",\"text\":\"x\","
        + "\"snippet\":\"s\"}");
    assertThat(json(new Content.ExecutionOutput("", Extras.NONE)))
        .isEqualTo("{\"content_type\":\"execution_output\",\"text\":\"\"}");
  }

  @Test
  void derivedTextIsNotWrittenWhereItIsNotAField() throws Exception {
    assertThat(tree(Content.Text.of("a")).has("text")).isFalse();
    assertThat(tree(new Content.MultimodalText(List.of(new Part.PlainText("a")), Extras.NONE)).has("text"))
        .isFalse();
    assertThat(tree(new Content.ReasoningRecap("r", Extras.NONE)).has("text")).isFalse();
    assertThat(tree(new Content.UserEditableContext("p", null, Extras.NONE)).has("text")).isFalse();
    assertThat(tree(new Content.Thoughts(List.of(), null, Extras.NONE)).has("text")).isFalse();
    assertThat(fieldNames(tree(Message.of("m", Author.of("user"), Content.Text.of("a")))))
        .doesNotContain("text", "role", "shown_in_chat", "shownInChat");
    assertThat(tree(Author.of("user")).has("user")).isFalse();
    assertThat(json(Author.of("user"))).isEqualTo("{\"role\":\"user\",\"name\":null,\"metadata\":{}}");
  }

  @Test
  void unknownContentIsWrittenVerbatim() throws Exception {
    RawJson.JsonObject raw = RawJson.JsonObject.EMPTY
        .with("content_type", RawJson.of("brand_new"))
        .with("payload", new RawJson.JsonArray(List.of(RawJson.of(1), RawJson.JsonNull.NULL)));

    assertThat(json(new Content.Unknown("brand_new", raw)))
        .isEqualTo("{\"content_type\":\"brand_new\",\"payload\":[1,null]}");
  }

  @Test
  void multimodalPartsAreWrittenAsTheExportWritesThem() throws Exception {
    Extras extra = extraField("zz", RawJson.of(true), "width");
    Part.AudioAssetPointer audio = new Part.AudioAssetPointer("sediment://file_a", 9L, "wav", "2025-01-01T00:00:00Z",
        obj("start", RawJson.of(0)), Extras.NONE);
    Content.MultimodalText content = new Content.MultimodalText(List.of(
        new Part.PlainText("plain"),
        Part.Null.INSTANCE,
        new Part.ImageAssetPointer("file-service://file-1", 1024L, 640, 480, null, null, extra),
        new Part.TextObject("object", Extras.NONE),
        new Part.TextObject("untyped", new Extras(Map.of(), Set.of("content_type"))),
        new Part.AudioTranscription("spoken", "in", Extras.NONE),
        audio,
        new Part.RealTimeUserAudioVideoAssetPointer("2025-01-01T00:00:00Z", audio, null,
            List.of(obj("asset_pointer", RawJson.of("f"))), new BigDecimal("1.50"), Extras.NONE),
        new Part.Unknown(obj("content_type", RawJson.of("video")).with("url", RawJson.of("v"))),
        new Part.Unknown(RawJson.of(7))), Extras.NONE);

    JsonNode parts = tree(content).get("parts");

    assertThat(parts).hasSize(10);
    assertThat(parts.get(0).toString()).isEqualTo("\"plain\"");
    assertThat(parts.get(1).isNull()).isTrue();
    assertThat(parts.get(2).toString()).isEqualTo("{\"content_type\":\"image_asset_pointer\","
        + "\"asset_pointer\":\"file-service://file-1\",\"size_bytes\":1024,\"width\":640,\"height\":480,\"zz\":true}");
    assertThat(parts.get(3).toString()).isEqualTo("{\"content_type\":\"text\",\"text\":\"object\"}");
    assertThat(parts.get(4).toString()).isEqualTo("{\"text\":\"untyped\"}");
    assertThat(parts.get(5).toString())
        .isEqualTo("{\"content_type\":\"audio_transcription\",\"text\":\"spoken\",\"direction\":\"in\"}");
    assertThat(parts.get(6).toString()).isEqualTo("{\"content_type\":\"audio_asset_pointer\","
        + "\"asset_pointer\":\"sediment://file_a\",\"size_bytes\":9,\"format\":\"wav\","
        + "\"expiry_datetime\":\"2025-01-01T00:00:00Z\",\"metadata\":{\"start\":0}}");
    assertThat(parts.get(7).toString()).isEqualTo("{\"content_type\":\"real_time_user_audio_video_asset_pointer\","
        + "\"expiry_datetime\":\"2025-01-01T00:00:00Z\",\"audio_asset_pointer\":" + parts.get(6)
        + ",\"frames_asset_pointers\":[{\"asset_pointer\":\"f\"}],\"audio_start_timestamp\":1.50}");
    assertThat(parts.get(8).toString()).isEqualTo("{\"content_type\":\"video\",\"url\":\"v\"}");
    assertThat(parts.get(9).toString()).isEqualTo("7");
    assertThat(json(content)).doesNotContain("readable", "contentType", "absent");
  }

  @Test
  void rawJsonValuesAreWrittenAsJson() throws Exception {
    RawJson.JsonObject raw = RawJson.JsonObject.EMPTY
        .with("s", RawJson.of("x\"y\n"))
        .with("n", new RawJson.JsonNumber("1695326273.968528"))
        .with("i", RawJson.of(-12))
        .with("f", new RawJson.JsonNumber("1.0"))
        .with("big", new RawJson.JsonNumber("123456789012345678901234567890.123456789"))
        .with("t", RawJson.of(true))
        .with("b", RawJson.of(false))
        .with("null", RawJson.JsonNull.NULL)
        .with("missing", RawJson.JsonNull.MISSING)
        .with("a", new RawJson.JsonArray(List.of(RawJson.JsonObject.EMPTY, RawJson.JsonArray.EMPTY)));

    assertThat(json(raw)).isEqualTo(raw.toJson());
    assertThat(json(raw)).isEqualTo("{\"s\":\"x\\\"y\\n\",\"n\":1695326273.968528,\"i\":-12,\"f\":1.0,"
        + "\"big\":123456789012345678901234567890.123456789,\"t\":true,\"b\":false,\"null\":null,"
        + "\"missing\":null,\"a\":[{},[]]}");
    assertThat(json(RawJson.JsonNull.NULL)).isEqualTo("null");
    assertThat(json(RawJson.of("s"))).isEqualTo("\"s\"");
    assertThat(json(new Metadata(raw))).isEqualTo(raw.toJson());
  }

  @Test
  void exponentNumbersKeepTheirValue() throws Exception {
    // jackson-databind writes the BigDecimal value(); the text may change form (1e5 -> 1E+5), never the value.
    JsonNode n = reader.readTree(json(new RawJson.JsonNumber("1e5")));

    assertThat(n.decimalValue()).isEqualByComparingTo("100000");
  }

  @Test
  void extrasAreInlinedAndAbsentNamesAreNotWritten() throws Exception {
    LinkedHashMap<String, RawJson> fields = new LinkedHashMap<>();
    fields.put("first_extra", RawJson.of("a"));
    fields.put("second_extra", new RawJson.JsonArray(List.of(RawJson.of(1))));
    Extras extras = new Extras(fields, Set.of("name", "children"));

    assertThat(json(new Author("user", null, RawJson.JsonObject.EMPTY, extras)))
        .isEqualTo("{\"role\":\"user\",\"name\":null,\"metadata\":{},\"first_extra\":\"a\",\"second_extra\":[1]}");
    assertThat(json(new MessageNode("n", null, "p", List.of(), extras)))
        .isEqualTo("{\"id\":\"n\",\"message\":null,\"parent\":\"p\",\"children\":[],\"first_extra\":\"a\","
            + "\"second_extra\":[1]}");
    assertThat(json(new Account("user-1", "a@example.org", true, null, 1990, extras)))
        .isEqualTo("{\"id\":\"user-1\",\"email\":\"a@example.org\",\"chatgpt_plus_user\":true,"
            + "\"birth_year\":1990,\"first_extra\":\"a\",\"second_extra\":[1]}");
    assertThat(json(extras)).isEqualTo("{\"first_extra\":\"a\",\"second_extra\":[1]}");
    assertThat(json(Extras.NONE)).isEqualTo("{}");
  }

  @Test
  void aBranchWritesItsNodesOnly() throws Exception {
    Branch b = new Branch(List.of(MessageNode.of("r", null, null)));

    assertThat(json(b)).isEqualTo("{\"nodes\":[{\"id\":\"r\",\"message\":null,\"parent\":null,\"children\":[]}]}");
  }

  private static Map<String, MessageNode> orderedNodes(MessageNode... nodes) {
    LinkedHashMap<String, MessageNode> map = new LinkedHashMap<>();
    for (MessageNode node : nodes) {
      map.put(node.id(), node);
    }
    return map;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
