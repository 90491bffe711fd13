package io.github.chatexport.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.chatexport.api.Account;
import io.github.chatexport.api.Author;
import io.github.chatexport.api.Content;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Extras;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.MessageNode;
import io.github.chatexport.api.Part;
import io.github.chatexport.api.RawJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes records back as the export's own JSON. For each typed field: when the record's {@link Extras} remember
 * a raw value for it (one the typed component could not hold exactly, such as {@code "title": 42} or a null where
 * the component cannot be null), that value is written, with the other extra fields; else the field is left out
 * when the input did not have it; else the typed value is written. {@code with…} methods clear both memories, so
 * a typed value set through the API always wins.
 */
public final class RecordWriter {
  private final JsonGenerator g;

  /** A writer onto {@code g}, which stays the caller's. */
  public RecordWriter(JsonGenerator g) {
    this.g = g;
  }

  /** Writes one conversation object. */
  public void write(Conversation c) throws IOException {
    Extras x = c.extras();
    g.writeStartObject();
    string(x, "title", c.title());
    time(x, "create_time", c.createTime());
    time(x, "update_time", c.updateTime());
    if (take(x, "mapping")) {
      g.writeFieldName("mapping");
      g.writeStartObject();
      for (Map.Entry<String, MessageNode> e : c.nodes().entrySet()) {
        g.writeFieldName(e.getKey());
        write(e.getValue());
      }
      g.writeEndObject();
    }
    string(x, "current_node", c.currentNode());
    string(x, "id", c.id());
    string(x, "conversation_id", c.conversationId());
    string(x, "default_model_slug", c.defaultModelSlug());
    string(x, "gizmo_id", c.gizmoId());
    bool(x, "is_archived", c.isArchived());
    extras(x);
    g.writeEndObject();
  }

  private void write(MessageNode node) throws IOException {
    Extras x = node.extras();
    g.writeStartObject();
    string(x, "id", node.id());
    if (take(x, "message")) {
      g.writeFieldName("message");
      if (node.message() == null) {
        g.writeNull();
      } else {
        write(node.message());
      }
    }
    string(x, "parent", node.parentId());
    strings(x, "children", node.childIds());
    extras(x);
    g.writeEndObject();
  }

  private void write(Message m) throws IOException {
    Extras x = m.extras();
    g.writeStartObject();
    string(x, "id", m.id());
    if (take(x, "author")) {
      g.writeFieldName("author");
      write(m.author());
    }
    time(x, "create_time", m.createTime());
    time(x, "update_time", m.updateTime());
    if (take(x, "content")) {
      g.writeFieldName("content");
      write(m.content());
    }
    string(x, "status", m.status());
    bool(x, "end_turn", m.endTurn());
    number(x, "weight", m.weight());
    if (take(x, "metadata")) {
      g.writeFieldName("metadata");
      raw(m.metadata().json());
    }
    string(x, "recipient", m.recipient());
    string(x, "channel", m.channel());
    extras(x);
    g.writeEndObject();
  }

  private void write(Author a) throws IOException {
    Extras x = a.extras();
    g.writeStartObject();
    string(x, "role", a.role());
    string(x, "name", a.name());
    if (take(x, "metadata")) {
      g.writeFieldName("metadata");
      raw(a.metadata());
    }
    extras(x);
    g.writeEndObject();
  }

  private void write(Content content) throws IOException {
    if (content instanceof Content.Unknown unknown) {
      raw(unknown.json());
      return;
    }
    Extras x = content.extras();
    g.writeStartObject();
    string(x, "content_type", content.contentType());
    if (content instanceof Content.Text t) {
      strings(x, "parts", t.parts());
    } else if (content instanceof Content.MultimodalText t) {
      if (take(x, "parts")) {
        g.writeFieldName("parts");
        g.writeStartArray();
        for (Part part : t.parts()) {
          write(part);
        }
        g.writeEndArray();
      }
    } else if (content instanceof Content.Code c) {
      string(x, "language", c.language());
      string(x, "response_format_name", c.responseFormatName());
      string(x, "text", c.text());
    } else if (content instanceof Content.ExecutionOutput c) {
      string(x, "text", c.text());
    } else if (content instanceof Content.TetherBrowsingDisplay c) {
      string(x, "result", c.result());
      string(x, "summary", c.summary());
    } else if (content instanceof Content.TetherQuote c) {
      string(x, "url", c.url());
      string(x, "domain", c.domain());
      string(x, "text", c.text());
      string(x, "title", c.title());
    } else if (content instanceof Content.SystemError c) {
      string(x, "name", c.name());
      string(x, "text", c.text());
    } else if (content instanceof Content.UserEditableContext c) {
      string(x, "user_profile", c.userProfile());
      string(x, "user_instructions", c.userInstructions());
    } else if (content instanceof Content.ModelEditableContext c) {
      string(x, "model_set_context", c.modelSetContext());
    } else if (content instanceof Content.Thoughts c) {
      if (take(x, "thoughts")) {
        g.writeFieldName("thoughts");
        g.writeStartArray();
        for (Content.Thought thought : c.thoughts()) {
          write(thought);
        }
        g.writeEndArray();
      }
      string(x, "source_analysis_msg_id", c.sourceAnalysisMsgId());
    } else if (content instanceof Content.ReasoningRecap c) {
      string(x, "content", c.content());
    } else if (content instanceof Content.ComputerOutput c) {
      string(x, "computer_id", c.computerId());
      rawField(x, "screenshot", c.screenshot());
      rawField(x, "state", c.state());
      bool(x, "is_ephemeral", c.isEphemeral());
    } else if (content instanceof Content.SonicWebpage c) {
      string(x, "url", c.url());
      string(x, "domain", c.domain());
      string(x, "title", c.title());
      string(x, "text", c.text());
      string(x, "snippet", c.snippet());
    }
    extras(x);
    g.writeEndObject();
  }

  private void write(Content.Thought t) throws IOException {
    Extras x = t.extras();
    RawJson whole = x.fields().get("$value");
    if (whole != null && x.fields().size() == 1) {
      raw(whole);
      return;
    }
    g.writeStartObject();
    string(x, "summary", t.summary());
    string(x, "content", t.content());
    strings(x, "chunks", t.chunks());
    bool(x, "finished", t.finished());
    extras(x);
    g.writeEndObject();
  }

  private void write(Part part) throws IOException {
    if (part instanceof Part.PlainText t) {
      g.writeString(t.text());
      return;
    }
    if (part instanceof Part.Null) {
      g.writeNull();
      return;
    }
    if (part instanceof Part.Unknown u) {
      raw(u.json());
      return;
    }
    if (part instanceof Part.TextObject t) {
      Extras x = t.extras();
      g.writeStartObject();
      string(x, "content_type", x.isAbsent("content_type") ? null : "text");
      string(x, "text", t.text());
      extras(x);
      g.writeEndObject();
      return;
    }
    if (part instanceof Part.ImageAssetPointer p) {
      Extras x = p.extras();
      g.writeStartObject();
      string(x, "content_type", p.contentType());
      string(x, "asset_pointer", p.assetPointer());
      number(x, "size_bytes", p.sizeBytes() == null ? null : BigDecimal.valueOf(p.sizeBytes()));
      number(x, "width", p.width() == null ? null : BigDecimal.valueOf(p.width()));
      number(x, "height", p.height() == null ? null : BigDecimal.valueOf(p.height()));
      number(x, "fovea", p.fovea() == null ? null : BigDecimal.valueOf(p.fovea()));
      rawField(x, "metadata", p.metadata());
      extras(x);
      g.writeEndObject();
      return;
    }
    if (part instanceof Part.AudioTranscription p) {
      Extras x = p.extras();
      g.writeStartObject();
      string(x, "content_type", p.contentType());
      string(x, "text", p.text());
      string(x, "direction", p.direction());
      extras(x);
      g.writeEndObject();
      return;
    }
    if (part instanceof Part.AudioAssetPointer p) {
      writeAudio(p);
      return;
    }
    if (part instanceof Part.RealTimeUserAudioVideoAssetPointer p) {
      Extras x = p.extras();
      g.writeStartObject();
      string(x, "content_type", p.contentType());
      string(x, "expiry_datetime", p.expiryDatetime());
      if (p.audioAssetPointer() != null && take(x, "audio_asset_pointer")) {
        g.writeFieldName("audio_asset_pointer");
        writeAudio(p.audioAssetPointer());
      }
      rawField(x, "video_container_asset_pointer", p.videoContainerAssetPointer());
      if (take(x, "frames_asset_pointers")) {
        g.writeFieldName("frames_asset_pointers");
        g.writeStartArray();
        for (RawJson frame : p.framesAssetPointers()) {
          raw(frame);
        }
        g.writeEndArray();
      }
      number(x, "audio_start_timestamp", p.audioStartTimestamp());
      extras(x);
      g.writeEndObject();
    }
  }

  private void writeAudio(Part.AudioAssetPointer p) throws IOException {
    Extras x = p.extras();
    g.writeStartObject();
    string(x, "content_type", p.contentType());
    string(x, "asset_pointer", p.assetPointer());
    number(x, "size_bytes", p.sizeBytes() == null ? null : BigDecimal.valueOf(p.sizeBytes()));
    string(x, "format", p.format());
    string(x, "expiry_datetime", p.expiryDatetime());
    rawField(x, "metadata", p.metadata());
    extras(x);
    g.writeEndObject();
  }

  /** Writes {@code user.json}. */
  public void write(Account a) throws IOException {
    Extras x = a.extras();
    g.writeStartObject();
    string(x, "id", a.id());
    string(x, "email", a.email());
    bool(x, "chatgpt_plus_user", a.chatgptPlusUser());
    string(x, "phone_number", a.phoneNumber());
    number(x, "birth_year", a.birthYear() == null ? null : BigDecimal.valueOf(a.birthYear()));
    extras(x);
    g.writeEndObject();
  }

  // --- fields

  /**
   * Whether the typed field {@code name} is to be written from its component: not when the extras remember a raw
   * value for it (written with the other extra fields), nor when the input did not have it.
   */
  private static boolean take(Extras x, String name) {
    return !x.fields().containsKey(name) && !x.isAbsent(name);
  }

  private void string(Extras x, String name, @Nullable String value) throws IOException {
    if (take(x, name)) {
      g.writeFieldName(name);
      if (value == null) {
        g.writeNull();
      } else {
        g.writeString(value);
      }
    }
  }

  private void bool(Extras x, String name, @Nullable Boolean value) throws IOException {
    if (take(x, name)) {
      g.writeFieldName(name);
      if (value == null) {
        g.writeNull();
      } else {
        g.writeBoolean(value);
      }
    }
  }

  private void number(Extras x, String name, @Nullable BigDecimal value) throws IOException {
    if (take(x, name)) {
      g.writeFieldName(name);
      if (value == null) {
        g.writeNull();
      } else {
        g.writeNumber(value);
      }
    }
  }

  private void time(Extras x, String name, @Nullable Instant value) throws IOException {
    if (take(x, name)) {
      g.writeFieldName(name);
      if (value == null) {
        g.writeNull();
      } else {
        g.writeNumber(seconds(value));
      }
    }
  }

  /** Epoch seconds as decimal text, exactly: {@code 1695326273.968528}; whole seconds as {@code 1682606050.0}. */
  static String seconds(Instant t) {
    long s = t.getEpochSecond();
    int n = t.getNano();
    if (n == 0) {
      return s + ".0";
    }
    if (s < 0) {
      return new BigDecimal(s).add(BigDecimal.valueOf(n, 9)).stripTrailingZeros().toPlainString();
    }
    String nanos = String.format("%09d", n);
    int end = nanos.length();
    while (end > 1 && nanos.charAt(end - 1) == '0') {
      end--;
    }
    return s + "." + nanos.substring(0, end);
  }

  private void strings(Extras x, String name, List<String> values) throws IOException {
    if (take(x, name)) {
      g.writeFieldName(name);
      g.writeStartArray();
      for (String value : values) {
        g.writeString(value);
      }
      g.writeEndArray();
    }
  }

  private void rawField(Extras x, String name, @Nullable RawJson value) throws IOException {
    if (take(x, name) && value != null) {
      g.writeFieldName(name);
      raw(value);
    }
  }

  private void extras(Extras x) throws IOException {
    for (Map.Entry<String, RawJson> e : x.fields().entrySet()) {
      g.writeFieldName(e.getKey());
      raw(e.getValue());
    }
  }

  /** Writes a raw value, numbers as their exact text. */
  public void raw(RawJson value) throws IOException {
    if (value instanceof RawJson.JsonObject o) {
      g.writeStartObject();
      for (Map.Entry<String, RawJson> e : o.members().entrySet()) {
        g.writeFieldName(e.getKey());
        raw(e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof RawJson.JsonArray a) {
      g.writeStartArray();
      for (RawJson element : a.elements()) {
        raw(element);
      }
      g.writeEndArray();
    } else if (value instanceof RawJson.JsonString s) {
      g.writeString(s.value());
    } else if (value instanceof RawJson.JsonNumber n) {
      g.writeNumber(n.text());
    } else if (value instanceof RawJson.JsonBoolean b) {
      g.writeBoolean(b.value());
    } else {
      g.writeNull();
    }
  }
}
