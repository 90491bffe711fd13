package io.github.chatexport.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordsTest {

  // ---------------------------------------------------------------- helpers

  private static RawJson.JsonObject obj(Object... keysAndValues) {
    LinkedHashMap<String, RawJson> members = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      members.put((String) keysAndValues[i], json(keysAndValues[i + 1]));
    }
    return new RawJson.JsonObject(members);
  }

  private static RawJson.JsonArray arr(Object... elements) {
    List<RawJson> list = new ArrayList<>();
    for (Object e : elements) {
      list.add(json(e));
    }
    return new RawJson.JsonArray(list);
  }

  private static RawJson json(@Nullable Object value) {
    if (value == null) {
      return RawJson.JsonNull.NULL;
    } else if (value instanceof RawJson r) {
      return r;
    } else if (value instanceof String s) {
      return RawJson.of(s);
    } else if (value instanceof Boolean b) {
      return RawJson.of(b);
    } else if (value instanceof Integer n) {
      return RawJson.of(n.longValue());
    } else if (value instanceof Long n) {
      return RawJson.of(n);
    }
    throw new IllegalArgumentException(value.getClass().toString());
  }

  private static Message message(String role, Content content) {
    return Message.of("m", Author.of(role), content);
  }

  private static Extras extras(Map<String, RawJson> fields, String... absent) {
    return new Extras(fields, Set.of(absent));
  }

  private static Content.Text text(String... parts) {
    return new Content.Text(List.of(parts), Extras.NONE);
  }

  // ---------------------------------------------------------------- compact constructors

  @Nested
  class CompactConstructors {

    @Test
    void conversationRejectsNulls() {
      Map<String, MessageNode> nodes = Map.of();
      assertThatNullPointerException()
          .isThrownBy(
              () ->
                  new Conversation(
                      null,
                      null,
                      null,
                      null,
                      null,
                      nodes,
                      null,
                      null,
                      null,
                      null,
                      List.of(),
                      Extras.NONE))
          .withMessage("id");
      assertThatNullPointerException()
          .isThrownBy(
              () ->
                  new Conversation(
                      "c",
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      List.of(),
                      Extras.NONE));
      assertThatNullPointerException()
          .isThrownBy(
              () ->
                  new Conversation(
                      "c",
                      null,
                      null,
                      null,
                      null,
                      nodes,
                      null,
                      null,
                      null,
                      null,
                      null,
                      Extras.NONE));
      assertThatNullPointerException()
          .isThrownBy(
              () ->
                  new Conversation(
                      "c", null, null, null, null, nodes, null, null, null, null, List.of(), null))
          .withMessage("extras");
      Map<String, MessageNode> withNullValue = new LinkedHashMap<>();
      withNullValue.put("a", null);
      assertThatNullPointerException()
          .isThrownBy(() -> Conversation.of("c", null, List.of()).withNodes(withNullValue));
    }

    @Test
    void messageRejectsNulls() {
      Author a = Author.of("user");
      Content c = Content.Text.of("x");
      assertThatNullPointerException().isThrownBy(() -> Message.of(null, a, c)).withMessage("id");
      assertThatNullPointerException()
          .isThrownBy(() -> Message.of("m", null, c))
          .withMessage("author");
      assertThatNullPointerException()
          .isThrownBy(() -> Message.of("m", a, null))
          .withMessage("content");
      assertThatNullPointerException()
          .isThrownBy(() -> Message.of("m", a, c).withMetadata(null))
          .withMessage("metadata");
      assertThatNullPointerException()
          .isThrownBy(() -> Message.of("m", a, c).withExtras(null))
          .withMessage("extras");
    }

    @Test
    void nodeAuthorAccountLocationAndWarningRejectNulls() {
      assertThatNullPointerException()
          .isThrownBy(() -> MessageNode.of(null, null, null))
          .withMessage("id");
      assertThatNullPointerException()
          .isThrownBy(() -> new MessageNode("n", null, null, null, Extras.NONE));
      assertThatNullPointerException()
          .isThrownBy(() -> new MessageNode("n", null, null, List.of(), null))
          .withMessage("extras");
      assertThatNullPointerException()
          .isThrownBy(
              () -> new MessageNode("n", null, null, Arrays.asList("a", null), Extras.NONE));
      assertThatNullPointerException().isThrownBy(() -> Author.of(null)).withMessage("role");
      assertThatNullPointerException()
          .isThrownBy(() -> new Author("user", null, null, Extras.NONE))
          .withMessage("metadata");
      assertThatNullPointerException()
          .isThrownBy(() -> new Account(null, null, null, null, null, Extras.NONE))
          .withMessage("id");
      assertThatNullPointerException()
          .isThrownBy(() -> new Account("u", null, null, null, null, null))
          .withMessage("extras");
      assertThatNullPointerException()
          .isThrownBy(() -> new Location(null, null, 1, 1, 1, "$", null))
          .withMessage("file");
      assertThatNullPointerException()
          .isThrownBy(() -> Location.UNKNOWN.withJsonPath(null))
          .withMessage("jsonPath");
      assertThatNullPointerException()
          .isThrownBy(() -> new Warning(null, "m", Location.UNKNOWN))
          .withMessage("kind");
      assertThatNullPointerException()
          .isThrownBy(() -> new Warning(Warning.Kind.OTHER, null, Location.UNKNOWN))
          .withMessage("message");
      assertThatNullPointerException()
          .isThrownBy(() -> new Warning(Warning.Kind.OTHER, "m", null))
          .withMessage("location");
      assertThatNullPointerException().isThrownBy(() -> new Branch(null));
      assertThatNullPointerException()
          .isThrownBy(() -> new Branch(Arrays.asList((MessageNode) null)));
    }

    @Test
    void contentRecordsRejectNulls() {
      Extras x = Extras.NONE;
      assertThatNullPointerException().isThrownBy(() -> new Content.Text(null, x));
      assertThatNullPointerException()
          .isThrownBy(() -> new Content.Text(Arrays.asList("a", null), x));
      assertThatNullPointerException()
          .isThrownBy(() -> new Content.Text(List.of(), null))
          .withMessage("extras");
      assertThatNullPointerException()
          .isThrownBy(() -> new Content.MultimodalText(Arrays.asList((Part) null), x));
      assertThatNullPointerException()
          .isThrownBy(() -> new Content.Code(null, null, null, x))
          .withMessage("text");
      assertThatNullPointerException()
          .isThrownBy(() -> new Content.ExecutionOutput(null, x))
          .withMessage("text");
      assertThatNullPointerException()
          .isThrownBy(() -> new Content.TetherBrowsingDisplay(null, null, x))
          .withMessage("result");
      assertThatNullPointerException()
          .isThrownBy(() -> new Content.TetherQuote(null, null, null, null, x))
          .withMessage("text");
      assertThatNullPointerException()
          .isThrownBy(() -> new Content.SystemError(null, null, x))
          .withMessage("text");
      assertThatNullPointerException()
          .isThrownBy(() -> new Content.UserEditableContext(null, null, null))
          .withMessage("extras");
      assertThatNullPointerException()
          .isThrownBy(() -> new Content.ModelEditableContext(null, null))
          .withMessage("extras");
      assertThatNullPointerException().isThrownBy(() -> new Content.Thoughts(null, null, x));
      assertThatNullPointerException()
          .isThrownBy(() -> new Content.Thought(null, null, null, null, x));
      assertThatNullPointerException()
          .isThrownBy(() -> new Content.ReasoningRecap(null, x))
          .withMessage("content");
      assertThatNullPointerException()
          .isThrownBy(() -> new Content.ComputerOutput(null, null, null, null, null))
          .withMessage("extras");
      assertThatNullPointerException()
          .isThrownBy(() -> new Content.SonicWebpage(null, null, null, null, null, x))
          .withMessage("text");
      assertThatNullPointerException()
          .isThrownBy(() -> new Content.Unknown(null, RawJson.JsonObject.EMPTY))
          .withMessage("contentType");
      assertThatNullPointerException()
          .isThrownBy(() -> new Content.Unknown("x", null))
          .withMessage("json");
    }

    @Test
    void partsRejectNulls() {
      Extras x = Extras.NONE;
      assertThatNullPointerException()
          .isThrownBy(() -> new Part.PlainText(null))
          .withMessage("text");
      assertThatNullPointerException()
          .isThrownBy(() -> new Part.ImageAssetPointer(null, null, null, null, null, null, x))
          .withMessage("assetPointer");
      assertThatNullPointerException()
          .isThrownBy(() -> new Part.AudioTranscription(null, null, x))
          .withMessage("text");
      assertThatNullPointerException()
          .isThrownBy(() -> new Part.AudioAssetPointer(null, null, null, null, null, x))
          .withMessage("assetPointer");
      assertThatNullPointerException()
          .isThrownBy(
              () -> new Part.RealTimeUserAudioVideoAssetPointer(null, null, null, null, null, x));
      assertThatNullPointerException()
          .isThrownBy(() -> new Part.TextObject(null, x))
          .withMessage("text");
      assertThatNullPointerException().isThrownBy(() -> new Part.Unknown(null)).withMessage("json");
    }

    @Test
    void rawJsonExtrasAndMetadataRejectNulls() {
      assertThatNullPointerException()
          .isThrownBy(() -> RawJson.of((String) null))
          .withMessage("value");
      assertThatNullPointerException()
          .isThrownBy(() -> new RawJson.JsonNumber(null))
          .withMessage("text");
      Map<String, RawJson> nullValue = new LinkedHashMap<>();
      nullValue.put("k", null);
      Map<String, RawJson> nullKey = new LinkedHashMap<>();
      nullKey.put(null, RawJson.JsonNull.NULL);
      assertThatNullPointerException()
          .isThrownBy(() -> new RawJson.JsonObject(nullValue))
          .withMessage("value");
      assertThatNullPointerException()
          .isThrownBy(() -> new RawJson.JsonObject(nullKey))
          .withMessage("key");
      assertThatNullPointerException()
          .isThrownBy(() -> new RawJson.JsonArray(Arrays.asList((RawJson) null)));
      assertThatNullPointerException()
          .isThrownBy(() -> RawJson.JsonObject.EMPTY.with("k", null))
          .withMessage("value");
      assertThatNullPointerException()
          .isThrownBy(() -> new Extras(nullValue, Set.of()))
          .withMessage("value");
      assertThatNullPointerException()
          .isThrownBy(() -> new Extras(nullKey, Set.of()))
          .withMessage("key");
      assertThatNullPointerException().isThrownBy(() -> new Extras(Map.of(), null));
      assertThatNullPointerException()
          .isThrownBy(() -> new Extras(Map.of(), new HashSet<>(Arrays.asList("a", null))));
      assertThatNullPointerException().isThrownBy(() -> new Metadata(null)).withMessage("json");
      assertThatNullPointerException()
          .isThrownBy(() -> new Metadata.FinishDetails("stop", null))
          .withMessage("json");
      assertThatNullPointerException()
          .isThrownBy(
              () -> new Metadata.Attachment(null, null, null, null, RawJson.JsonObject.EMPTY))
          .withMessage("id");
      assertThatNullPointerException()
          .isThrownBy(() -> new Metadata.Citation(null, null, null, null, null))
          .withMessage("json");
      assertThatNullPointerException()
          .isThrownBy(() -> new Metadata.ContentReference(null, null, null, null, null))
          .withMessage("json");
      assertThatNullPointerException()
          .isThrownBy(() -> new Metadata.SearchResult(null, null, null, null, null))
          .withMessage("json");
    }
  }

  // ---------------------------------------------------------------- defensive copies

  @Nested
  class DefensiveCopies {

    @Test
    void listsAreCopiedAndUnmodifiable() {
      List<String> parts = new ArrayList<>(List.of("a"));
      Content.Text text = new Content.Text(parts, Extras.NONE);
      List<String> childIds = new ArrayList<>(List.of("c"));
      MessageNode node = new MessageNode("n", null, null, childIds, Extras.NONE);
      List<Part> partList = new ArrayList<>(List.of(new Part.PlainText("p")));
      Content.MultimodalText multimodal = new Content.MultimodalText(partList, Extras.NONE);
      List<MessageNode> nodes = new ArrayList<>(List.of(node));
      Branch branch = new Branch(nodes);
      List<RawJson> elements = new ArrayList<>(List.of(RawJson.of(1)));
      RawJson.JsonArray array = new RawJson.JsonArray(elements);
      List<String> chunks = new ArrayList<>(List.of("x"));
      Content.Thought thought = new Content.Thought(null, null, chunks, null, Extras.NONE);
      List<Content.Thought> thoughtList = new ArrayList<>(List.of(thought));
      Content.Thoughts thoughts = new Content.Thoughts(thoughtList, null, Extras.NONE);
      List<RawJson> frames = new ArrayList<>(List.of(RawJson.JsonObject.EMPTY));
      Part.RealTimeUserAudioVideoAssetPointer av =
          new Part.RealTimeUserAudioVideoAssetPointer(null, null, null, frames, null, Extras.NONE);
      List<Warning> warnings =
          new ArrayList<>(List.of(new Warning(Warning.Kind.OTHER, "w", Location.UNKNOWN)));
      Conversation conversation = Conversation.of("c", null, List.of()).withWarnings(warnings);

      parts.add("b");
      childIds.add("d");
      partList.clear();
      nodes.clear();
      elements.clear();
      chunks.clear();
      thoughtList.clear();
      frames.clear();
      warnings.clear();

      assertThat(text.parts()).containsExactly("a");
      assertThat(node.childIds()).containsExactly("c");
      assertThat(multimodal.parts()).hasSize(1);
      assertThat(branch.nodes()).hasSize(1);
      assertThat(array.elements()).hasSize(1);
      assertThat(thought.chunks()).containsExactly("x");
      assertThat(thoughts.thoughts()).hasSize(1);
      assertThat(av.framesAssetPointers()).hasSize(1);
      assertThat(conversation.warnings()).hasSize(1);
      for (List<?> list :
          List.of(
              text.parts(),
              node.childIds(),
              multimodal.parts(),
              branch.nodes(),
              array.elements(),
              thought.chunks(),
              thoughts.thoughts(),
              av.framesAssetPointers(),
              conversation.warnings())) {
        assertThatThrownBy(list::clear).isInstanceOf(UnsupportedOperationException.class);
      }
    }

    @Test
    void theMappingKeepsItsOrderAndIsCopiedAndUnmodifiable() {
      LinkedHashMap<String, MessageNode> mapping = new LinkedHashMap<>();
      for (String id : List.of("z", "a", "m", "b")) {
        mapping.put(id, MessageNode.of(id, null, null));
      }
      Conversation c = Conversation.of("c", null, List.of()).withNodes(mapping);
      mapping.remove("z");

      assertThat(c.nodes().keySet()).containsExactly("z", "a", "m", "b");
      assertThat(c.nodes().get("m").id()).isEqualTo("m");
      assertThat(c.nodes().containsKey("b")).isTrue();
      assertThatThrownBy(() -> c.nodes().put("x", MessageNode.of("x", null, null)))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> c.nodes().entrySet().clear())
          .isInstanceOf(UnsupportedOperationException.class);
      assertThat(
              Conversation.of(
                      "c",
                      null,
                      List.of(MessageNode.of("y", null, null), MessageNode.of("x", null, null)))
                  .nodes()
                  .keySet())
          .containsExactly("y", "x");
    }

    @Test
    void objectsAndExtrasKeepTheirOrderAndAreCopiedAndUnmodifiable() {
      LinkedHashMap<String, RawJson> members = new LinkedHashMap<>();
      members.put("z", RawJson.of(1));
      members.put("a", RawJson.of(2));
      members.put("m", RawJson.of(3));
      RawJson.JsonObject object = new RawJson.JsonObject(members);
      Set<String> absent = new HashSet<>(Set.of("status"));
      Extras extras = new Extras(members, absent);
      members.clear();
      absent.clear();

      assertThat(object.members().keySet()).containsExactly("z", "a", "m");
      assertThat(extras.fields().keySet()).containsExactly("z", "a", "m");
      assertThat(extras.absent()).containsExactly("status");
      assertThatThrownBy(() -> object.members().clear())
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> extras.fields().clear())
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> extras.absent().clear())
          .isInstanceOf(UnsupportedOperationException.class);
      assertThat(extras.typed("a").fields().keySet()).containsExactly("z", "m");
      assertThatThrownBy(() -> extras.typed("a").fields().clear())
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void jsonObjectWithReplacesInPlaceOrAddsLastAndWithoutRemoves() {
      RawJson.JsonObject o = obj("a", 1, "b", 2);

      assertThat(o.with("a", RawJson.of(9)).toJson()).isEqualTo("{\"a\":9,\"b\":2}");
      assertThat(o.with("c", RawJson.of(3)).toJson()).isEqualTo("{\"a\":1,\"b\":2,\"c\":3}");
      assertThat(o.without("a").toJson()).isEqualTo("{\"b\":2}");
      assertThat(o.without("nope")).isSameAs(o);
      assertThat(o.toJson()).isEqualTo("{\"a\":1,\"b\":2}");
      assertThat(o.has("a")).isTrue();
      assertThat(obj("n", null).has("n")).isTrue();
      assertThat(o.has("n")).isFalse();
    }
  }

  // ---------------------------------------------------------------- with… methods

  @Nested
  class WithMethods {
    private final Extras messy =
        extras(
            Map.of(
                "keep",
                RawJson.of("x"),
                "title",
                RawJson.of(42),
                "status",
                RawJson.of(1),
                "role",
                RawJson.of(1),
                "email",
                RawJson.of(1),
                "parent",
                RawJson.of(1)),
            "create_time",
            "update_time",
            "current_node",
            "mapping",
            "id",
            "author",
            "content",
            "metadata",
            "recipient",
            "name",
            "message",
            "children",
            "phone_number");

    @Test
    void typedRemovesTheFieldFromBothExtraAndAbsent() {
      assertThat(messy.typed("title").fields()).doesNotContainKey("title").containsKey("keep");
      assertThat(messy.typed("mapping").isAbsent("mapping")).isFalse();
      assertThat(messy.typed("mapping").absent()).contains("current_node");
      assertThat(messy.typed("nothing")).isSameAs(messy);
      assertThat(Extras.NONE.typed("x")).isSameAs(Extras.NONE);
    }

    @Test
    void conversationWithersClearTheirFields() {
      Conversation c = Conversation.of("c", "t", List.of()).withExtras(messy);

      assertCleared(c.withTitle("new"), Conversation::extras, "title");
      assertThat(c.withTitle("new").title()).isEqualTo("new");
      assertCleared(c.withNodes(Map.of()), Conversation::extras, "mapping");
      assertCleared(c.withCurrentNode("n"), Conversation::extras, "current_node");
      assertThat(c.withCurrentNode("n").currentNode()).isEqualTo("n");
      Conversation timed = c.withTimes(Instant.ofEpochSecond(1), Instant.ofEpochSecond(2));
      assertCleared(timed, Conversation::extras, "create_time", "update_time");
      assertThat(timed.createTime()).isEqualTo(Instant.ofEpochSecond(1));
      assertThat(timed.updateTime()).isEqualTo(Instant.ofEpochSecond(2));
      assertThat(c.withWarnings(List.of()).extras()).isEqualTo(messy);
      assertThat(c.withExtras(Extras.NONE).extras()).isSameAs(Extras.NONE);
    }

    @Test
    void withNodesDropsTheWarningsThatDescribedTheOldNodes() {
      Conversation c =
          Conversation.of("c", null, List.of())
              .withWarnings(List.of(new Warning(Warning.Kind.CYCLE, "w", Location.UNKNOWN)));

      assertThat(c.withNodes(Map.of()).warnings()).isEmpty();
      assertThat(c.withTitle("t").warnings()).hasSize(1);
    }

    @Test
    void messageWithersClearTheirFields() {
      Message m = Message.of("m", Author.of("user"), Content.Text.of("x")).withExtras(messy);

      assertCleared(m.withId("n"), Message::extras, "id");
      assertThat(m.withId("n").id()).isEqualTo("n");
      assertCleared(m.withAuthor(Author.of("tool")), Message::extras, "author");
      assertThat(m.withAuthor(Author.of("tool")).role()).isEqualTo("tool");
      assertCleared(m.withCreateTime(Instant.EPOCH), Message::extras, "create_time");
      assertThat(m.withCreateTime(Instant.EPOCH).createTime()).isEqualTo(Instant.EPOCH);
      assertCleared(m.withUpdateTime(Instant.EPOCH), Message::extras, "update_time");
      assertThat(m.withUpdateTime(Instant.EPOCH).updateTime()).isEqualTo(Instant.EPOCH);
      assertCleared(m.withContent(Content.Text.of("y")), Message::extras, "content");
      assertThat(m.withContent(Content.Text.of("y")).text()).isEqualTo("y");
      assertCleared(m.withStatus("done"), Message::extras, "status");
      assertThat(m.withStatus("done").status()).isEqualTo("done");
      assertCleared(m.withMetadata(Metadata.EMPTY), Message::extras, "metadata");
      assertCleared(m.withRecipient("all"), Message::extras, "recipient");
      assertThat(m.withRecipient("all").recipient()).isEqualTo("all");
    }

    @Test
    void nodeAuthorAndAccountWithersClearTheirFields() {
      MessageNode n = new MessageNode("n", null, null, List.of(), messy);
      Message m = Message.of("m", Author.of("user"), Content.Text.of("x"));
      assertCleared(n.withMessage(m), MessageNode::extras, "message");
      assertThat(n.withMessage(m).message()).isSameAs(m);
      assertCleared(n.withParentId("p"), MessageNode::extras, "parent");
      assertThat(n.withParentId("p").parentId()).isEqualTo("p");
      assertCleared(n.withChildIds(List.of("c")), MessageNode::extras, "children");
      assertThat(n.withChildIds(List.of("c")).childIds()).containsExactly("c");

      Author a = new Author("user", null, RawJson.JsonObject.EMPTY, messy);
      assertCleared(a.withRole("tool"), Author::extras, "role");
      assertThat(a.withRole("tool").role()).isEqualTo("tool");
      assertCleared(a.withName("python"), Author::extras, "name");
      assertThat(a.withName("python").name()).isEqualTo("python");

      Account account = new Account("user-1", "a@b.c", true, null, null, messy);
      assertCleared(account.withEmail(null), Account::extras, "email");
      assertThat(account.withEmail(null).email()).isNull();
      assertCleared(account.withPhoneNumber("+1"), Account::extras, "phone_number");
      assertThat(account.withPhoneNumber("+1").phoneNumber()).isEqualTo("+1");
    }

    @Test
    void locationWithJsonPathKeepsTheRest() {
      Location l = new Location("export.zip", "conversations.json", 3, 14, 1204, "$", "c-1");

      assertThat(l.withJsonPath("$[2]"))
          .isEqualTo(new Location("export.zip", "conversations.json", 3, 14, 1204, "$[2]", "c-1"));
    }

    private <T> void assertCleared(T record, Function<T, Extras> extras, String... names) {
      Extras e = extras.apply(record);
      for (String name : names) {
        assertThat(e.fields()).as(name).doesNotContainKey(name);
        assertThat(e.isAbsent(name)).as(name).isFalse();
      }
      assertThat(e.fields()).containsKey("keep");
      Set<String> others = new HashSet<>(messy.absent());
      others.removeAll(List.of(names));
      assertThat(e.absent()).containsExactlyInAnyOrderElementsOf(others);
    }
  }

  // ---------------------------------------------------------------- Extras

  @Test
  void extrasAnswerForTheirFieldsAndAbsences() {
    Extras e = extras(Map.of("x", RawJson.of(1)), "status");

    assertThat(e.get("x")).isEqualTo(RawJson.of(1));
    assertThat(e.get("y")).isSameAs(RawJson.JsonNull.MISSING);
    assertThat(e.isAbsent("status")).isTrue();
    assertThat(e.isAbsent("x")).isFalse();
    assertThat(e.isEmpty()).isFalse();
    assertThat(Extras.NONE.isEmpty()).isTrue();
    assertThat(extras(Map.of(), "a").isEmpty()).isFalse();
    assertThat(Extras.of(Map.of())).isSameAs(Extras.NONE);
    assertThat(Extras.of(Map.of("x", RawJson.of(1))).absent()).isEmpty();
  }

  // ---------------------------------------------------------------- Message.text()

  @Nested
  class MessageText {

    @Test
    void textJoinsAllPartsWithNewlinesEmptyOnesIncluded() {
      assertThat(message("user", text("a", "", "b")).text()).isEqualTo("a\n\nb");
      assertThat(message("user", text("only")).text()).isEqualTo("only");
      assertThat(message("user", text()).text()).isEmpty();
      assertThat(message("user", text("", "")).text()).isEqualTo("\n");
    }

    @Test
    void multimodalTextTakesStringsTextObjectsAndTranscriptionsInOrder() {
      Content.MultimodalText content =
          new Content.MultimodalText(
              List.of(
                  new Part.PlainText("first"),
                  new Part.ImageAssetPointer(
                      "sediment://file_1", 10L, 1, 1, null, null, Extras.NONE),
                  new Part.TextObject("object", Extras.NONE),
                  new Part.AudioTranscription("spoken", "in", Extras.NONE),
                  new Part.AudioAssetPointer(
                      "sediment://file_2", null, "wav", null, null, Extras.NONE),
                  new Part.RealTimeUserAudioVideoAssetPointer(
                      null, null, null, List.of(), null, Extras.NONE),
                  new Part.Unknown(obj("content_type", "weird", "text", "not read")),
                  new Part.Unknown(RawJson.of(5)),
                  Part.Null.INSTANCE,
                  new Part.TextObject("", extras(Map.of(), "content_type")),
                  new Part.PlainText("last")),
              Extras.NONE);

      assertThat(message("user", content).text()).isEqualTo("first\nobject\nspoken\n\nlast");
      assertThat(message("user", new Content.MultimodalText(List.of(), Extras.NONE)).text())
          .isEmpty();
      assertThat(
              message(
                      "tool",
                      new Content.MultimodalText(
                          List.of(
                              new Part.ImageAssetPointer(
                                  "sediment://file_1", null, null, null, null, null, Extras.NONE)),
                          Extras.NONE))
                  .text())
          .isEmpty();
    }

    @Test
    void singleTextContentTypesGiveTheirText() {
      assertThat(
              message("assistant", new Content.Code("python", null, "print(1)", Extras.NONE))
                  .text())
          .isEqualTo("print(1)");
      assertThat(message("tool", new Content.ExecutionOutput("1\n", Extras.NONE)).text())
          .isEqualTo("1\n");
      assertThat(
              message("tool", new Content.TetherQuote("u", "d", "quoted", "t", Extras.NONE)).text())
          .isEqualTo("quoted");
      assertThat(
              message("tool", new Content.SonicWebpage("u", "d", "t", "page", "snip", Extras.NONE))
                  .text())
          .isEqualTo("page");
      assertThat(
              message("tool", new Content.TetherBrowsingDisplay("result", "summary", Extras.NONE))
                  .text())
          .isEqualTo("result");
      assertThat(message("tool", new Content.SystemError("E", "failed", Extras.NONE)).text())
          .isEqualTo("failed");
      assertThat(
              message("assistant", new Content.ReasoningRecap("Thought for 12s", Extras.NONE))
                  .text())
          .isEqualTo("Thought for 12s");
      assertThat(message("user", new Content.ModelEditableContext("memory", Extras.NONE)).text())
          .isEqualTo("memory");
      assertThat(message("user", new Content.ModelEditableContext(null, Extras.NONE)).text())
          .isEmpty();
      assertThat(
              message("tool", new Content.ComputerOutput("c", obj(), null, true, Extras.NONE))
                  .text())
          .isEmpty();
    }

    @Test
    void userEditableContextJoinsTheNonNullTexts() {
      assertThat(message("user", new Content.UserEditableContext("p", "i", Extras.NONE)).text())
          .isEqualTo("p\ni");
      assertThat(message("user", new Content.UserEditableContext("p", null, Extras.NONE)).text())
          .isEqualTo("p");
      assertThat(message("user", new Content.UserEditableContext(null, "i", Extras.NONE)).text())
          .isEqualTo("i");
      assertThat(message("user", new Content.UserEditableContext(null, null, Extras.NONE)).text())
          .isEmpty();
      assertThat(message("user", new Content.UserEditableContext("", "", Extras.NONE)).text())
          .isEqualTo("\n");
    }

    @Test
    void thoughtsJoinEachThoughtsContent() {
      Content.Thoughts thoughts =
          new Content.Thoughts(
              List.of(
                  new Content.Thought("s1", "one", List.of("o", "ne"), true, Extras.NONE),
                  new Content.Thought("s2", null, List.of(), null, Extras.NONE),
                  new Content.Thought("s3", "three", List.of(), false, Extras.NONE)),
              "msg",
              Extras.NONE);

      assertThat(message("assistant", thoughts).text()).isEqualTo("one\nthree");
      assertThat(message("assistant", new Content.Thoughts(List.of(), null, Extras.NONE)).text())
          .isEmpty();
    }

    @Test
    void unknownContentTakesItsTextElseItsStringPartsElseNothing() {
      assertThat(
              message("user", new Content.Unknown("new", obj("text", "t", "parts", arr("p"))))
                  .text())
          .isEqualTo("t");
      assertThat(
              message(
                      "user",
                      new Content.Unknown("new", obj("text", 5, "parts", arr("a", 1, null, "b"))))
                  .text())
          .isEqualTo("a\nb");
      assertThat(message("user", new Content.Unknown("new", obj("parts", "not a list"))).text())
          .isEmpty();
      assertThat(message("user", new Content.Unknown("new", obj("text", null))).text()).isEmpty();
      assertThat(message("user", new Content.Unknown("", RawJson.JsonObject.EMPTY)).text())
          .isEmpty();
      assertThat(new Content.Unknown("new", obj()).extras()).isSameAs(Extras.NONE);
    }

    @Test
    void citationMarkersAreLeftAsTheyAre() {
      String marked = "See \uE200cite\uE202turn0search3\uE201.";

      assertThat(message("assistant", Content.Text.of(marked)).text()).isEqualTo(marked);
    }

    @Test
    void contentTypesAreTheExportsNames() {
      List<Content> all =
          List.of(
              text(),
              new Content.MultimodalText(List.of(), Extras.NONE),
              new Content.Code(null, null, "", Extras.NONE),
              new Content.ExecutionOutput("", Extras.NONE),
              new Content.TetherBrowsingDisplay("", null, Extras.NONE),
              new Content.TetherQuote(null, null, "", null, Extras.NONE),
              new Content.SystemError(null, "", Extras.NONE),
              new Content.UserEditableContext(null, null, Extras.NONE),
              new Content.ModelEditableContext(null, Extras.NONE),
              new Content.Thoughts(List.of(), null, Extras.NONE),
              new Content.ReasoningRecap("", Extras.NONE),
              new Content.ComputerOutput(null, null, null, null, Extras.NONE),
              new Content.SonicWebpage(null, null, null, "", null, Extras.NONE),
              new Content.Unknown("x-new", obj()));

      assertThat(all)
          .extracting(Content::contentType)
          .containsExactly(
              "text",
              "multimodal_text",
              "code",
              "execution_output",
              "tether_browsing_display",
              "tether_quote",
              "system_error",
              "user_editable_context",
              "model_editable_context",
              "thoughts",
              "reasoning_recap",
              "computer_output",
              "sonic_webpage",
              "x-new");
    }

    @Test
    void partsNameTheirContentType() {
      assertThat(new Part.PlainText("x").contentType()).isEmpty();
      assertThat(Part.Null.INSTANCE.contentType()).isEmpty();
      assertThat(new Part.TextObject("x", Extras.NONE).contentType()).isEqualTo("text");
      assertThat(new Part.TextObject("x", extras(Map.of(), "content_type")).contentType())
          .isEmpty();
      assertThat(new Part.Unknown(obj("content_type", "video")))
          .extracting(Part::contentType)
          .isEqualTo("video");
      assertThat(new Part.Unknown(obj("content_type", 3)).contentType()).isEmpty();
      assertThat(new Part.Unknown(arr()).contentType()).isEmpty();
      assertThat(
              new Part.ImageAssetPointer("", null, null, null, null, null, Extras.NONE)
                  .contentType())
          .isEqualTo("image_asset_pointer");
      assertThat(new Part.AudioTranscription("", null, Extras.NONE).contentType())
          .isEqualTo("audio_transcription");
      assertThat(new Part.AudioAssetPointer("", null, null, null, null, Extras.NONE).contentType())
          .isEqualTo("audio_asset_pointer");
      assertThat(
              new Part.RealTimeUserAudioVideoAssetPointer(
                      null, null, null, List.of(), null, Extras.NONE)
                  .contentType())
          .isEqualTo("real_time_user_audio_video_asset_pointer");
    }
  }

  // ---------------------------------------------------------------- shownInChat

  @Nested
  class ShownInChat {

    @Test
    void userAndAssistantMessagesAreShown() {
      assertThat(message("user", Content.Text.of("q")).shownInChat()).isTrue();
      assertThat(message("assistant", Content.Text.of("a")).shownInChat()).isTrue();
      assertThat(message("assistant", Content.Text.of("a")).withRecipient("all").shownInChat())
          .isTrue();
      assertThat(
              message("assistant", new Content.Code("python", null, "1", Extras.NONE))
                  .shownInChat())
          .isTrue();
      assertThat(message("user", new Content.MultimodalText(List.of(), Extras.NONE)).shownInChat())
          .isTrue();
    }

    @Test
    void hiddenFlagHidesAnyMessage() {
      Metadata hidden =
          Metadata.EMPTY.with("is_visually_hidden_from_conversation", RawJson.of(true));

      assertThat(message("user", Content.Text.of("q")).withMetadata(hidden).shownInChat())
          .isFalse();
      assertThat(message("assistant", Content.Text.of("a")).withMetadata(hidden).shownInChat())
          .isFalse();
      assertThat(
              message("user", Content.Text.of("q"))
                  .withMetadata(
                      Metadata.EMPTY.with(
                          "is_visually_hidden_from_conversation", RawJson.of(false)))
                  .shownInChat())
          .isTrue();
      assertThat(
              message("user", Content.Text.of("q"))
                  .withMetadata(
                      Metadata.EMPTY.with(
                          "is_visually_hidden_from_conversation", RawJson.of("true")))
                  .shownInChat())
          .isTrue();
    }

    @Test
    void systemMessagesAreNotShown() {
      assertThat(message("system", Content.Text.of("s")).shownInChat()).isFalse();
      assertThat(
              message("system", new Content.MultimodalText(List.of(), Extras.NONE)).shownInChat())
          .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "user_editable_context",
          "model_editable_context",
          "thoughts",
          "reasoning_recap",
          "tether_browsing_display",
          "tether_browsing_code",
          "tether_quote",
          "sonic_webpage",
          "system_error",
          "computer_output"
        })
    void hiddenContentTypesAreNotShownWhoeverWroteThem(String contentType) {
      Content unknown = new Content.Unknown(contentType, obj("content_type", contentType));

      for (String role : List.of("user", "assistant", "tool")) {
        assertThat(message(role, unknown).shownInChat()).as(role).isFalse();
      }
    }

    @Test
    void hiddenContentRecordsAreNotShown() {
      List<Content> hidden =
          List.of(
              new Content.UserEditableContext("p", "i", Extras.NONE),
              new Content.ModelEditableContext("m", Extras.NONE),
              new Content.Thoughts(List.of(), null, Extras.NONE),
              new Content.ReasoningRecap("r", Extras.NONE),
              new Content.TetherBrowsingDisplay("r", null, Extras.NONE),
              new Content.TetherQuote(null, null, "q", null, Extras.NONE),
              new Content.SonicWebpage(null, null, null, "w", null, Extras.NONE),
              new Content.SystemError(null, "e", Extras.NONE),
              new Content.ComputerOutput(null, null, null, null, Extras.NONE));

      for (Content content : hidden) {
        assertThat(message("user", content).shownInChat()).as(content.contentType()).isFalse();
        assertThat(message("assistant", content).shownInChat()).as(content.contentType()).isFalse();
      }
    }

    @Test
    void toolCallsAndAnalysisAreNotShown() {
      Message answer = message("assistant", Content.Text.of("a"));

      assertThat(answer.withRecipient("python").shownInChat()).isFalse();
      assertThat(answer.withRecipient("web.run").shownInChat()).isFalse();
      assertThat(
              new Message(
                      "m",
                      Author.of("assistant"),
                      null,
                      null,
                      Content.Text.of("a"),
                      null,
                      null,
                      null,
                      Metadata.EMPTY,
                      null,
                      "analysis",
                      Extras.NONE)
                  .shownInChat())
          .isFalse();
      assertThat(
              new Message(
                      "m",
                      Author.of("assistant"),
                      null,
                      null,
                      Content.Text.of("a"),
                      null,
                      null,
                      null,
                      Metadata.EMPTY,
                      "all",
                      "final",
                      Extras.NONE)
                  .shownInChat())
          .isTrue();
      assertThat(
              new Message(
                      "m",
                      Author.of("assistant"),
                      null,
                      null,
                      Content.Text.of("a"),
                      null,
                      null,
                      null,
                      Metadata.EMPTY,
                      null,
                      "commentary",
                      Extras.NONE)
                  .shownInChat())
          .isTrue();
    }

    @Test
    void toolOutputIsShownOnlyAsExecutionOutputOrMultimodalText() {
      assertThat(message("tool", new Content.ExecutionOutput("1", Extras.NONE)).shownInChat())
          .isTrue();
      assertThat(message("tool", new Content.MultimodalText(List.of(), Extras.NONE)).shownInChat())
          .isTrue();
      assertThat(message("tool", Content.Text.of("t")).shownInChat()).isFalse();
      assertThat(message("tool", new Content.Code(null, null, "c", Extras.NONE)).shownInChat())
          .isFalse();
    }

    @ParameterizedTest(name = "role \"{0}\"")
    @ValueSource(strings = {"critic", "developer", "", "User", "ASSISTANT"})
    void otherRolesAreNotShown(String role) {
      assertThat(message(role, Content.Text.of("x")).shownInChat()).isFalse();
    }
  }

  // ---------------------------------------------------------------- Branch

  @Test
  void aBranchListsItsMessagesVisibleMessagesAndLeaf() {
    Message system = Message.of("s", Author.of("system"), Content.Text.of(""));
    Message user = Message.of("u", Author.of("user"), Content.Text.of("q"));
    Message call =
        Message.of("a", Author.of("assistant"), Content.Text.of("c")).withRecipient("python");
    Branch b =
        new Branch(
            List.of(
                MessageNode.of("r", null, null),
                MessageNode.of("s", system, "r"),
                MessageNode.of("u", user, "s"),
                MessageNode.of("a", call, "u")));

    assertThat(b.messages()).containsExactly(system, user, call);
    assertThat(b.visibleMessages()).containsExactly(user);
    assertThat(b.nodeIds()).containsExactly("r", "s", "u", "a");
    assertThat(b.leaf()).map(MessageNode::id).contains("a");
    assertThat(b.isEmpty()).isFalse();
    assertThat(new Branch(List.of()).isEmpty()).isTrue();
    assertThat(new Branch(List.of()).visibleMessages()).isEmpty();
  }

  @Test
  void authorRoleHelpers() {
    assertThat(Author.of("user").isUser()).isTrue();
    assertThat(Author.of("user").isAssistant()).isFalse();
    assertThat(Author.of("assistant").isAssistant()).isTrue();
    assertThat(Message.of("m", Author.of("tool"), Content.Text.of("")).role()).isEqualTo("tool");
  }

  // ---------------------------------------------------------------- Metadata

  @Nested
  class MetadataViews {

    @Test
    void modelSlugsAndFlags() {
      Metadata m =
          new Metadata(
              obj(
                  "model_slug",
                  "gpt-4o",
                  "is_visually_hidden_from_conversation",
                  true,
                  "is_user_system_message",
                  true,
                  "voice_mode_message",
                  true,
                  "reasoning_status",
                  "reasoning_ended",
                  "finished_duration_sec",
                  RawJson.of(new BigDecimal("12.50"))));

      assertThat(m.modelSlug()).contains("gpt-4o");
      assertThat(m.resolvedModelSlug()).contains("gpt-4o");
      assertThat(m.with("resolved_model_slug", RawJson.of("gpt-5")).resolvedModelSlug())
          .contains("gpt-5");
      assertThat(m.isVisuallyHidden()).isTrue();
      assertThat(m.isUserSystemMessage()).isTrue();
      assertThat(m.isVoiceModeMessage()).isTrue();
      assertThat(m.reasoningStatus()).contains("reasoning_ended");
      assertThat(m.finishedDurationSec()).contains(new BigDecimal("12.50"));
      assertThat(Metadata.EMPTY.modelSlug()).isEmpty();
      assertThat(Metadata.EMPTY.isVisuallyHidden()).isFalse();
      assertThat(Metadata.EMPTY.isUserSystemMessage()).isFalse();
      assertThat(Metadata.EMPTY.isVoiceModeMessage()).isFalse();
    }

    @Test
    void finishDetailsAndAggregateResult() {
      RawJson.JsonObject details = obj("type", "stop", "stop_tokens", arr(100260));
      Metadata m =
          new Metadata(obj("finish_details", details, "aggregate_result", obj("code", "1")));

      assertThat(m.finishDetails())
          .hasValueSatisfying(
              f -> {
                assertThat(f.type()).isEqualTo("stop");
                assertThat(f.json()).isEqualTo(details);
              });
      assertThat(new Metadata(obj("finish_details", obj("type", 1))).finishDetails())
          .hasValueSatisfying(f -> assertThat(f.type()).isNull());
      assertThat(m.aggregateResult())
          .hasValueSatisfying(a -> assertThat(a.get("code").asString()).contains("1"));
    }

    @Test
    void wrongTypesGiveEmptyViews() {
      Metadata m =
          new Metadata(
              obj(
                  "model_slug",
                  5,
                  "resolved_model_slug",
                  null,
                  "finish_details",
                  "stop",
                  "is_visually_hidden_from_conversation",
                  "true",
                  "voice_mode_message",
                  1,
                  "reasoning_status",
                  false,
                  "finished_duration_sec",
                  "12",
                  "aggregate_result",
                  arr(),
                  "attachments",
                  obj(),
                  "citations",
                  "x",
                  "content_references",
                  3,
                  "search_result_groups",
                  null));

      assertThat(m.modelSlug()).isEmpty();
      assertThat(m.resolvedModelSlug()).isEmpty();
      assertThat(m.finishDetails()).isEmpty();
      assertThat(m.isVisuallyHidden()).isFalse();
      assertThat(m.isVoiceModeMessage()).isFalse();
      assertThat(m.reasoningStatus()).isEmpty();
      assertThat(m.finishedDurationSec()).isEmpty();
      assertThat(m.aggregateResult()).isEmpty();
      assertThat(m.attachments()).isEmpty();
      assertThat(m.citations()).isEmpty();
      assertThat(m.contentReferences()).isEmpty();
      assertThat(m.searchResults()).isEmpty();
      assertThat(Metadata.EMPTY.attachments()).isEmpty();
      assertThat(Metadata.EMPTY.searchResults()).isEmpty();
    }

    @Test
    void attachmentsReadBothMimeTypeSpellings() {
      RawJson.JsonObject snake =
          obj("id", "file-1", "name", "a.png", "size", 1024, "mime_type", "image/png");
      RawJson.JsonObject camel =
          obj("id", "file-2", "name", "b.pdf", "size", 2048, "mimeType", "application/pdf");
      RawJson.JsonObject nullSnake =
          obj("id", "file-3", "mime_type", null, "mimeType", "text/plain");
      RawJson.JsonObject odd =
          obj("name", 3, "size", RawJson.of(new BigDecimal("1.5")), "mime_type", 7);
      RawJson.JsonObject huge = obj("id", "file-5", "size", RawJson.of(new BigDecimal("1e30")));
      Metadata m =
          new Metadata(
              obj("attachments", arr(snake, "not an object", camel, nullSnake, odd, huge)));
      List<Metadata.Attachment> attachments = m.attachments();

      assertThat(attachments).hasSize(5);
      assertThat(attachments.get(0))
          .isEqualTo(new Metadata.Attachment("file-1", "a.png", 1024L, "image/png", snake));
      assertThat(attachments.get(1))
          .isEqualTo(new Metadata.Attachment("file-2", "b.pdf", 2048L, "application/pdf", camel));
      assertThat(attachments.get(2).mimeType()).isEqualTo("text/plain");
      assertThat(attachments.get(3)).isEqualTo(new Metadata.Attachment("", null, null, null, odd));
      assertThat(attachments.get(4).size()).isNull();
      assertThat(
              new Metadata(obj("attachments", arr(obj("size", RawJson.of(new BigDecimal("2.0"))))))
                  .attachments()
                  .get(0)
                  .size())
          .isEqualTo(2L);
      assertThatThrownBy(() -> attachments.add(attachments.get(0)))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void citationsAndContentReferences() {
      RawJson.JsonObject citation =
          obj(
              "start_ix",
              10,
              "end_ix",
              20,
              "metadata",
              obj("url", "https://example.org", "title", "Example"));
      RawJson.JsonObject oddCitation =
          obj("start_ix", "10", "end_ix", RawJson.of(new BigDecimal("1e12")), "metadata", "x");
      RawJson.JsonObject reference =
          obj(
              "matched_text",
              "\uE200cite\uE202turn0search3\uE201",
              "start_idx",
              5,
              "end_idx",
              24,
              "type",
              "grouped_webpages");
      Metadata m =
          new Metadata(
              obj(
                  "citations",
                  arr(citation, 1, oddCitation),
                  "content_references",
                  arr(reference, obj())));

      assertThat(m.citations())
          .containsExactly(
              new Metadata.Citation(10, 20, "https://example.org", "Example", citation),
              new Metadata.Citation(null, null, null, null, oddCitation));
      assertThat(m.contentReferences())
          .containsExactly(
              new Metadata.ContentReference(
                  "\uE200cite\uE202turn0search3\uE201", 5, 24, "grouped_webpages", reference),
              new Metadata.ContentReference(null, null, null, null, obj()));
    }

    @Test
    void searchResultsFlattenTheGroupsInOrder() {
      RawJson.JsonObject e1 = obj("url", "https://a.example/1", "title", "A1", "snippet", "s1");
      RawJson.JsonObject e2 = obj("url", "https://a.example/2", "title", 2);
      RawJson.JsonObject e3 = obj("url", "https://b.example/1", "title", "B1", "snippet", "s3");
      Metadata m =
          new Metadata(
              obj(
                  "search_result_groups",
                  arr(
                      obj("domain", "a.example", "entries", arr(e1, "skip", e2)),
                      obj("domain", "empty.example", "entries", arr()),
                      obj("domain", "broken.example", "entries", "x"),
                      "not a group",
                      obj("entries", arr(e3)))));

      assertThat(m.searchResults())
          .containsExactly(
              new Metadata.SearchResult("https://a.example/1", "A1", "s1", "a.example", e1),
              new Metadata.SearchResult("https://a.example/2", null, null, "a.example", e2),
              new Metadata.SearchResult("https://b.example/1", "B1", "s3", null, e3));
    }

    @Test
    void metadataIsEditedByCopy() {
      Metadata m = Metadata.EMPTY.with("a", RawJson.of(1)).with("b", RawJson.of(2));

      assertThat(m.json().toJson()).isEqualTo("{\"a\":1,\"b\":2}");
      assertThat(m.without("a").json().toJson()).isEqualTo("{\"b\":2}");
      assertThat(m.get("a")).isEqualTo(RawJson.of(1));
      assertThat(m.get("zz")).isSameAs(RawJson.JsonNull.MISSING);
      assertThat(Metadata.EMPTY.json().members()).isEmpty();
    }
  }

  // ---------------------------------------------------------------- RawJson

  @Nested
  class RawJsonValues {

    @Test
    void navigationNeverThrows() {
      RawJson v = obj("a", arr(obj("b", "x"), 2), "n", null);

      assertThat(v.get("a").get(0).get("b").asString()).contains("x");
      assertThat(v.get("a").get(1).asNumber()).contains(BigDecimal.valueOf(2));
      assertThat(v.get("a").get(2)).isSameAs(RawJson.JsonNull.MISSING);
      assertThat(v.get("a").get(-1)).isSameAs(RawJson.JsonNull.MISSING);
      assertThat(v.get("a").get("b")).isSameAs(RawJson.JsonNull.MISSING);
      assertThat(v.get(0)).isSameAs(RawJson.JsonNull.MISSING);
      assertThat(v.get("zz").get(3).get("y").get(Integer.MAX_VALUE).asString()).isEmpty();
      assertThat(v.get("n")).isSameAs(RawJson.JsonNull.NULL);
      assertThat(v.get("n").isNull()).isTrue();
      assertThat(v.get("zz").isNull()).isTrue();
      assertThat(v.get("a").isNull()).isFalse();
      assertThat(RawJson.of("s").get("x").get(0).isNull()).isTrue();
      assertThat(RawJson.of(1).get(0)).isSameAs(RawJson.JsonNull.MISSING);
      assertThat(RawJson.of(true).get("x")).isSameAs(RawJson.JsonNull.MISSING);
    }

    @Test
    void typedAccessorsAnswerOnlyForTheirKind() {
      List<RawJson> all =
          List.of(
              obj(),
              arr(),
              RawJson.of("s"),
              RawJson.of(1),
              RawJson.of(true),
              RawJson.JsonNull.NULL,
              RawJson.JsonNull.MISSING);

      assertThat(all)
          .extracting(RawJson::kind)
          .containsExactly("object", "array", "string", "number", "boolean", "null", "null");
      assertThat(all).filteredOn(r -> r.asString().isPresent()).containsExactly(RawJson.of("s"));
      assertThat(all).filteredOn(r -> r.asNumber().isPresent()).containsExactly(RawJson.of(1));
      assertThat(all).filteredOn(r -> r.asBoolean().isPresent()).containsExactly(RawJson.of(true));
      assertThat(all)
          .filteredOn(RawJson::isNull)
          .containsExactly(RawJson.JsonNull.NULL, RawJson.JsonNull.MISSING);
      assertThat(RawJson.of(true)).isSameAs(RawJson.JsonBoolean.TRUE);
      assertThat(RawJson.of(false)).isSameAs(RawJson.JsonBoolean.FALSE);
      assertThat(RawJson.of(false).asBoolean()).contains(false);
    }

    @Test
    void numbersKeepTheirTextAndCompareByValue() {
      RawJson.JsonNumber one = new RawJson.JsonNumber("1.0");

      assertThat(one.toJson()).isEqualTo("1.0");
      assertThat(one.value()).isEqualByComparingTo(BigDecimal.ONE);
      assertThat(one).isNotEqualTo(RawJson.of(1));
      assertThat(new RawJson.JsonNumber("1695326273.968528").value())
          .isEqualTo(new BigDecimal("1695326273.968528"));
      assertThat(new RawJson.JsonNumber("-1.25E+10").toJson()).isEqualTo("-1.25E+10");
      assertThat(RawJson.of(new BigDecimal("1E+5")).text()).isEqualTo("1E+5");
      assertThat(RawJson.of(Long.MIN_VALUE).text()).isEqualTo("-9223372036854775808");
      assertThat(
              new RawJson.JsonNumber("123456789012345678901234567890.000000000000000000001")
                  .asNumber())
          .contains(new BigDecimal("123456789012345678901234567890.000000000000000000001"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "0",
          "-0",
          "7",
          "10",
          "-10",
          "1.5",
          "0.0",
          "-0.001",
          "1e5",
          "1E5",
          "1e+5",
          "1e-5",
          "1.5E+10",
          "-0.0e0",
          "123456789012345678901234567890"
        })
    void jsonNumberAcceptsTheJsonGrammar(String text) {
      assertThat(new RawJson.JsonNumber(text).text()).isEqualTo(text);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
        strings = {
          "",
          "-",
          "+1",
          "01",
          "-01",
          "00",
          "1.",
          ".5",
          "-.5",
          "1e",
          "1e+",
          "1E-",
          "e5",
          "1.e5",
          "NaN",
          "Infinity",
          "-Infinity",
          " 1",
          "1 ",
          "0x10",
          "1_000",
          "1,5",
          "\u0661",
          "1e5.5",
          "--1",
          "1..2"
        })
    void jsonNumberRejectsAnythingElse(String text) {
      assertThatIllegalArgumentException().isThrownBy(() -> new RawJson.JsonNumber(text));
    }

    @Test
    void toJsonIsCompactAndKeepsKeyOrder() {
      RawJson v =
          obj(
              "z",
              1,
              "a",
              arr(true, false, null, "s", obj(), arr()),
              "m",
              obj("k", RawJson.JsonNull.MISSING));

      assertThat(v.toJson())
          .isEqualTo("{\"z\":1,\"a\":[true,false,null,\"s\",{},[]],\"m\":{\"k\":null}}");
      assertThat(RawJson.JsonNull.NULL.toJson()).isEqualTo("null");
      assertThat(RawJson.JsonNull.MISSING.toJson()).isEqualTo("null");
      assertThat(RawJson.JsonObject.EMPTY.toJson()).isEqualTo("{}");
      assertThat(RawJson.JsonArray.EMPTY.toJson()).isEqualTo("[]");
    }

    @Test
    void toJsonEscapesQuotesBackslashesAndControlCharacters() {
      assertThat(RawJson.of("a\"b\\c/d").toJson()).isEqualTo("\"a\\\"b\\\\c/d\"");
      assertThat(RawJson.of("\n\r\t\b\f").toJson()).isEqualTo("\"\\n\\r\\t\\b\\f\"");
      assertThat(RawJson.of("\u0000\u0001\u001f\u000b").toJson())
          .isEqualTo("\"\\u0000\\u0001\\u001f\\u000b\"");
      assertThat(RawJson.of("\u007f\u0080\u2028\u2029").toJson())
          .isEqualTo("\"\u007f\u0080\u2028\u2029\"");
      assertThat(RawJson.of("é 漢字 \uE200").toJson()).isEqualTo("\"é 漢字 \uE200\"");
      assertThat(obj("k\"\n", 1).toJson()).isEqualTo("{\"k\\\"\\n\":1}");
      assertThat(RawJson.of("").toJson()).isEqualTo("\"\"");
    }

    @Test
    void toJsonKeepsSurrogatePairsAndEscapesLoneSurrogates() {
      String emoji = "\uD83D\uDE00";

      assertThat(RawJson.of(emoji).toJson()).isEqualTo("\"" + emoji + "\"");
      assertThat(RawJson.of("a\uD800b").toJson()).isEqualTo("\"a\\ud800b\"");
      assertThat(RawJson.of("a\uDC00b").toJson()).isEqualTo("\"a\\udc00b\"");
      assertThat(RawJson.of("\uD800").toJson()).isEqualTo("\"\\ud800\"");
      assertThat(RawJson.of("\uDFFF").toJson()).isEqualTo("\"\\udfff\"");
      assertThat(RawJson.of("\uDE00\uD83D").toJson()).isEqualTo("\"\\ude00\\ud83d\"");
      assertThat(RawJson.of("\uD83D" + emoji).toJson()).isEqualTo("\"\\ud83d" + emoji + "\"");
      assertThat(RawJson.of(emoji + "\uDE00").toJson()).isEqualTo("\"" + emoji + "\\ude00\"");
    }
  }

  // ---------------------------------------------------------------- Location

  @Test
  void locationDescribesWhereWithoutContent() {
    assertThat(
            new Location(
                    "export.zip",
                    "conversations.json",
                    3,
                    14,
                    1204,
                    "$[2].mapping.abc.message",
                    "c-1")
                .describe())
        .isEqualTo(
            "conversations.json (in export.zip) line 3 column 14 (byte 1204) at $[2].mapping.abc.message (conversation c-1)");
    assertThat(new Location("conversations.json", null, 3, -1, -1, "$", null).describe())
        .isEqualTo("conversations.json line 3 at $");
    assertThat(new Location("", "user.json", -1, 5, -1, "$", null).describe())
        .isEqualTo("user.json at $");
    assertThat(Location.UNKNOWN.describe()).isEqualTo("<input> at $");
    assertThat(new Warning(Warning.Kind.CYCLE, "cut", Location.UNKNOWN))
        .hasToString("CYCLE: cut at <input> at $");
  }
}
