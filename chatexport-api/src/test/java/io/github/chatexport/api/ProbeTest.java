package io.github.chatexport.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbeTest {
  @Test
  void probe() throws Exception {
    ObjectMapper m = new ObjectMapper();
    Extras ex = new Extras(Map.of("zzz", RawJson.of("v")), Set.of("status"));
    System.out.println(m.writeValueAsString(Author.of("user")));
    System.out.println(m.writeValueAsString(new Author("user", "n", RawJson.JsonObject.EMPTY, ex)));
    System.out.println(m.writeValueAsString(new Content.Text(List.of("a"), ex)));
    System.out.println(m.writeValueAsString(new Content.MultimodalText(List.of(new Part.PlainText("x"), Part.Null.INSTANCE,
        new Part.ImageAssetPointer("file-service://x", 12L, 1, 2, null, null, ex),
        new Part.TextObject("t", Extras.NONE), new Part.TextObject("t", new Extras(Map.of(), Set.of("content_type"))),
        new Part.Unknown(RawJson.of(5)),
        new Part.AudioTranscription("hi", "in", Extras.NONE)
        ), Extras.NONE)));
    System.out.println(m.writeValueAsString(new RawJson.JsonNumber("1e5")));
    System.out.println(m.writeValueAsString(List.of(RawJson.JsonNull.NULL, RawJson.JsonNull.MISSING, RawJson.of(true), RawJson.of(new BigDecimal("1695326273.968528")))));
    System.out.println(m.writeValueAsString(new Content.Unknown("x", RawJson.JsonObject.EMPTY.with("content_type", RawJson.of("x")))));
    Message msg = Message.of("m", Author.of("user"), Content.Text.of("hi"));
    System.out.println(m.writeValueAsString(msg));
    System.out.println(m.writeValueAsString(Conversation.of("c", "t", List.of(MessageNode.of("a", msg, null)))));
    try {
      System.out.println(m.writeValueAsString(msg.withCreateTime(Instant.ofEpochSecond(1695326273L, 968528000)).withUpdateTime(Instant.ofEpochSecond(1700000000L)))); System.out.println(m.writeValueAsString(Conversation.of("c", "t", List.of()).withTimes(Instant.ofEpochSecond(5, 100), null)));
    } catch (Exception e) {
      System.out.println(e);
    }
  }
}
