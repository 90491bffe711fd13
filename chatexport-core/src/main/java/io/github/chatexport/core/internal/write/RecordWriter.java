package io.github.chatexport.core.internal.write;

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
import io.github.chatexport.core.internal.json.Timestamps;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes records back as the export's own JSON, in the order the members were read when the record
 * remembers it ({@link Extras#order()}), numbers with the text they were read with while it still
 * denotes the value ({@link Extras#numbers()}). For each typed field: when the record's {@link
 * Extras} remember a raw value for it (one the typed component could not hold exactly, such as
 * {@code "title": 42} or a null where the component cannot be null), that value is written, with
 * the other extra fields; else the field is left out when the input did not have it; else the typed
 * value is written. {@code with…} methods clear both memories, so a typed value set through the API
 * always wins.
 */
final class RecordWriter {
  private final JsonGenerator g;

  /** A writer onto {@code g}, which stays the caller's. */
  RecordWriter(JsonGenerator g) {
    this.g = g;
  }

  /** Writes one typed field by name, if {@code name} is one of the object's typed fields. */
  @FunctionalInterface
  private interface Fields {
    /**
     * Writes the typed field {@code name} (unless its extras hold it, or it was absent); false if
     * not typed.
     */
    boolean write(String name) throws IOException;
  }

  /**
   * Writes one object's members: when the extras remember the order they were read in, in that
   * order (a typed field where it was, an extra one where it was), then what the order does not
   * name (typed fields set through the API that the input lacked, then extra fields added by hand);
   * else the typed fields in {@code typed} order, then the extra ones.
   */
  private void members(Extras x, String[] typed, Fields fields) throws IOException {
    List<String> order = x.order();
    Map<String, RawJson> extra = x.fields();
    if (order.isEmpty()) {
      for (String name : typed) {
        fields.write(name);
      }
      extras(x);
      return;
    }
    int typedSeen = 0;
    int extraSeen = 0;
    for (int i = 0, n = order.size(); i < n; i++) {
      String name = order.get(i);
      boolean isTyped = fields.write(name);
      if (isTyped) {
        typedSeen++;
      }
      RawJson value = extra.isEmpty() ? null : extra.get(name);
      if (value != null) {
        extraSeen++;
        g.writeFieldName(name);
        raw(value);
      }
    }
    boolean typedLeft = false;
    if (typedSeen < typed.length) {
      int absent = 0;
      if (!x.absent().isEmpty()) {
        for (String name : typed) {
          if (x.absent().contains(name)) {
            absent++;
          }
        }
      }
      typedLeft = typedSeen + absent < typed.length;
    }
    if (typedLeft || extraSeen < extra.size()) {
      java.util.Set<String> named = new java.util.HashSet<>(order);
      for (String name : typed) {
        if (!named.contains(name)) {
          fields.write(name);
        }
      }
      for (Map.Entry<String, RawJson> e : extra.entrySet()) {
        if (!named.contains(e.getKey())) {
          g.writeFieldName(e.getKey());
          raw(e.getValue());
        }
      }
    }
  }

  private static final String[] CONVERSATION = {
    "title",
    "create_time",
    "update_time",
    "mapping",
    "current_node",
    "id",
    "conversation_id",
    "default_model_slug",
    "gizmo_id",
    "is_archived"
  };
  private static final String[] NODE = {"id", "message", "parent", "children"};
  private static final String[] MESSAGE = {
    "id",
    "author",
    "create_time",
    "update_time",
    "content",
    "status",
    "end_turn",
    "weight",
    "metadata",
    "recipient",
    "channel"
  };
  private static final String[] AUTHOR = {"role", "name", "metadata"};

  /** Writes one conversation object. */
  void write(Conversation c) throws IOException {
    Extras x = c.extras();
    g.writeStartObject();
    members(x, CONVERSATION, name -> conversationField(c, x, name));
    g.writeEndObject();
  }

  private boolean conversationField(Conversation c, Extras x, String name) throws IOException {
    switch (name) {
      case "title" -> string(x, name, c.title());
      case "create_time" -> time(x, name, c.createTime());
      case "update_time" -> time(x, name, c.updateTime());
      case "mapping" -> {
        if (take(x, name)) {
          g.writeFieldName(name);
          g.writeStartObject();
          for (Map.Entry<String, MessageNode> e : c.nodes().entrySet()) {
            g.writeFieldName(e.getKey());
            write(e.getValue());
          }
          g.writeEndObject();
        }
      }
      case "current_node" -> string(x, name, c.currentNode());
      case "id" -> string(x, name, c.id());
      case "conversation_id" -> string(x, name, c.conversationId());
      case "default_model_slug" -> string(x, name, c.defaultModelSlug());
      case "gizmo_id" -> string(x, name, c.gizmoId());
      case "is_archived" -> bool(x, name, c.isArchived());
      default -> {
        return false;
      }
    }
    return true;
  }

  private void write(MessageNode node) throws IOException {
    Extras x = node.extras();
    g.writeStartObject();
    members(x, NODE, name -> nodeField(node, x, name));
    g.writeEndObject();
  }

  private boolean nodeField(MessageNode node, Extras x, String name) throws IOException {
    switch (name) {
      case "id" -> string(x, name, node.id());
      case "message" -> {
        if (take(x, name)) {
          g.writeFieldName(name);
          if (node.message() == null) {
            g.writeNull();
          } else {
            write(node.message());
          }
        }
      }
      case "parent" -> string(x, name, node.parentId());
      case "children" -> strings(x, name, node.childIds());
      default -> {
        return false;
      }
    }
    return true;
  }

  private void write(Message m) throws IOException {
    Extras x = m.extras();
    g.writeStartObject();
    members(x, MESSAGE, name -> messageField(m, x, name));
    g.writeEndObject();
  }

  private boolean messageField(Message m, Extras x, String name) throws IOException {
    switch (name) {
      case "id" -> string(x, name, m.id());
      case "author" -> {
        if (take(x, name)) {
          g.writeFieldName(name);
          write(m.author());
        }
      }
      case "create_time" -> time(x, name, m.createTime());
      case "update_time" -> time(x, name, m.updateTime());
      case "content" -> {
        if (take(x, name)) {
          g.writeFieldName(name);
          write(m.content());
        }
      }
      case "status" -> string(x, name, m.status());
      case "end_turn" -> bool(x, name, m.endTurn());
      case "weight" -> number(x, name, m.weight());
      case "metadata" -> {
        if (take(x, name)) {
          g.writeFieldName(name);
          raw(m.metadata().json());
        }
      }
      case "recipient" -> string(x, name, m.recipient());
      case "channel" -> string(x, name, m.channel());
      default -> {
        return false;
      }
    }
    return true;
  }

  private void write(Author a) throws IOException {
    Extras x = a.extras();
    g.writeStartObject();
    members(x, AUTHOR, name -> authorField(a, x, name));
    g.writeEndObject();
  }

  private boolean authorField(Author a, Extras x, String name) throws IOException {
    switch (name) {
      case "role" -> string(x, name, a.role());
      case "name" -> string(x, name, a.name());
      case "metadata" -> {
        if (take(x, name)) {
          g.writeFieldName(name);
          raw(a.metadata());
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * The typed fields of a content, in the order a writer without memory of the input writes them.
   */
  private static final String[] CONTENT_TEXT = {"content_type", "parts"};

  private static final String[] CONTENT_CODE = {
    "content_type", "language", "response_format_name", "text"
  };
  private static final String[] CONTENT_EXECUTION_OUTPUT = {"content_type", "text"};
  private static final String[] CONTENT_BROWSING_DISPLAY = {"content_type", "result", "summary"};
  private static final String[] CONTENT_TETHER_QUOTE = {
    "content_type", "url", "domain", "text", "title"
  };
  private static final String[] CONTENT_SYSTEM_ERROR = {"content_type", "name", "text"};
  private static final String[] CONTENT_USER_CONTEXT = {
    "content_type", "user_profile", "user_instructions"
  };
  private static final String[] CONTENT_MODEL_CONTEXT = {"content_type", "model_set_context"};
  private static final String[] CONTENT_THOUGHTS = {
    "content_type", "thoughts", "source_analysis_msg_id"
  };
  private static final String[] CONTENT_REASONING_RECAP = {"content_type", "content"};
  private static final String[] CONTENT_COMPUTER_OUTPUT = {
    "content_type", "computer_id", "screenshot", "state", "is_ephemeral"
  };
  private static final String[] CONTENT_SONIC_WEBPAGE = {
    "content_type", "url", "domain", "title", "text", "snippet"
  };
  private static final String[] CONTENT_OTHER = {"content_type"};

  private static String[] contentFields(Content content) {
    if (content instanceof Content.Text || content instanceof Content.MultimodalText) {
      return CONTENT_TEXT;
    } else if (content instanceof Content.Code) {
      return CONTENT_CODE;
    } else if (content instanceof Content.ExecutionOutput) {
      return CONTENT_EXECUTION_OUTPUT;
    } else if (content instanceof Content.TetherBrowsingDisplay) {
      return CONTENT_BROWSING_DISPLAY;
    } else if (content instanceof Content.TetherQuote) {
      return CONTENT_TETHER_QUOTE;
    } else if (content instanceof Content.SystemError) {
      return CONTENT_SYSTEM_ERROR;
    } else if (content instanceof Content.UserEditableContext) {
      return CONTENT_USER_CONTEXT;
    } else if (content instanceof Content.ModelEditableContext) {
      return CONTENT_MODEL_CONTEXT;
    } else if (content instanceof Content.Thoughts) {
      return CONTENT_THOUGHTS;
    } else if (content instanceof Content.ReasoningRecap) {
      return CONTENT_REASONING_RECAP;
    } else if (content instanceof Content.ComputerOutput) {
      return CONTENT_COMPUTER_OUTPUT;
    } else if (content instanceof Content.SonicWebpage) {
      return CONTENT_SONIC_WEBPAGE;
    }
    return CONTENT_OTHER;
  }

  private void write(Content content) throws IOException {
    if (content instanceof Content.Unknown unknown) {
      raw(unknown.json());
      return;
    }
    Extras x = content.extras();
    g.writeStartObject();
    members(x, contentFields(content), name -> contentField(content, x, name));
    g.writeEndObject();
  }

  private boolean contentField(Content content, Extras x, String name) throws IOException {
    if (name.equals("content_type")) {
      string(x, name, content.contentType());
      return true;
    }
    if (content instanceof Content.Text t) {
      if (name.equals("parts")) {
        strings(x, name, t.parts());
        return true;
      }
    } else if (content instanceof Content.MultimodalText t) {
      if (name.equals("parts")) {
        if (take(x, name)) {
          g.writeFieldName(name);
          g.writeStartArray();
          for (Part part : t.parts()) {
            write(part);
          }
          g.writeEndArray();
        }
        return true;
      }
    } else if (content instanceof Content.Code c) {
      switch (name) {
        case "language" -> string(x, name, c.language());
        case "response_format_name" -> string(x, name, c.responseFormatName());
        case "text" -> string(x, name, c.text());
        default -> {
          return false;
        }
      }
      return true;
    } else if (content instanceof Content.ExecutionOutput c) {
      if (name.equals("text")) {
        string(x, name, c.text());
        return true;
      }
    } else if (content instanceof Content.TetherBrowsingDisplay c) {
      switch (name) {
        case "result" -> string(x, name, c.result());
        case "summary" -> string(x, name, c.summary());
        default -> {
          return false;
        }
      }
      return true;
    } else if (content instanceof Content.TetherQuote c) {
      switch (name) {
        case "url" -> string(x, name, c.url());
        case "domain" -> string(x, name, c.domain());
        case "text" -> string(x, name, c.text());
        case "title" -> string(x, name, c.title());
        default -> {
          return false;
        }
      }
      return true;
    } else if (content instanceof Content.SystemError c) {
      switch (name) {
        case "name" -> string(x, name, c.name());
        case "text" -> string(x, name, c.text());
        default -> {
          return false;
        }
      }
      return true;
    } else if (content instanceof Content.UserEditableContext c) {
      switch (name) {
        case "user_profile" -> string(x, name, c.userProfile());
        case "user_instructions" -> string(x, name, c.userInstructions());
        default -> {
          return false;
        }
      }
      return true;
    } else if (content instanceof Content.ModelEditableContext c) {
      if (name.equals("model_set_context")) {
        string(x, name, c.modelSetContext());
        return true;
      }
    } else if (content instanceof Content.Thoughts c) {
      switch (name) {
        case "thoughts" -> {
          if (take(x, name)) {
            g.writeFieldName(name);
            g.writeStartArray();
            for (Content.Thought thought : c.thoughts()) {
              write(thought);
            }
            g.writeEndArray();
          }
        }
        case "source_analysis_msg_id" -> string(x, name, c.sourceAnalysisMsgId());
        default -> {
          return false;
        }
      }
      return true;
    } else if (content instanceof Content.ReasoningRecap c) {
      if (name.equals("content")) {
        string(x, name, c.content());
        return true;
      }
    } else if (content instanceof Content.ComputerOutput c) {
      switch (name) {
        case "computer_id" -> string(x, name, c.computerId());
        case "screenshot" -> rawField(x, name, c.screenshot());
        case "state" -> rawField(x, name, c.state());
        case "is_ephemeral" -> bool(x, name, c.isEphemeral());
        default -> {
          return false;
        }
      }
      return true;
    } else if (content instanceof Content.SonicWebpage c) {
      switch (name) {
        case "url" -> string(x, name, c.url());
        case "domain" -> string(x, name, c.domain());
        case "title" -> string(x, name, c.title());
        case "text" -> string(x, name, c.text());
        case "snippet" -> string(x, name, c.snippet());
        default -> {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static final String[] THOUGHT = {"summary", "content", "chunks", "finished"};

  private void write(Content.Thought t) throws IOException {
    Extras x = t.extras();
    RawJson whole = x.fields().get("$value");
    if (whole != null && x.fields().size() == 1) {
      raw(whole);
      return;
    }
    g.writeStartObject();
    members(
        x,
        THOUGHT,
        name -> {
          switch (name) {
            case "summary" -> string(x, name, t.summary());
            case "content" -> string(x, name, t.content());
            case "chunks" -> strings(x, name, t.chunks());
            case "finished" -> bool(x, name, t.finished());
            default -> {
              return false;
            }
          }
          return true;
        });
    g.writeEndObject();
  }

  private static final String[] TEXT_PART = {"content_type", "text"};
  private static final String[] IMAGE_PART = {
    "content_type", "asset_pointer", "size_bytes", "width", "height", "fovea", "metadata"
  };
  private static final String[] TRANSCRIPTION_PART = {"content_type", "text", "direction"};
  private static final String[] AUDIO_PART = {
    "content_type", "asset_pointer", "size_bytes", "format", "expiry_datetime", "metadata"
  };
  private static final String[] REAL_TIME_PART = {
    "content_type",
    "expiry_datetime",
    "audio_asset_pointer",
    "video_container_asset_pointer",
    "frames_asset_pointers",
    "audio_start_timestamp"
  };

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
      members(
          x,
          TEXT_PART,
          name -> {
            switch (name) {
              case "content_type" -> string(x, name, x.isAbsent("content_type") ? null : "text");
              case "text" -> string(x, name, t.text());
              default -> {
                return false;
              }
            }
            return true;
          });
      g.writeEndObject();
      return;
    }
    if (part instanceof Part.ImageAssetPointer p) {
      Extras x = p.extras();
      g.writeStartObject();
      members(
          x,
          IMAGE_PART,
          name -> {
            switch (name) {
              case "content_type" -> string(x, name, p.contentType());
              case "asset_pointer" -> string(x, name, p.assetPointer());
              case "size_bytes" ->
                  number(x, name, p.sizeBytes() == null ? null : BigDecimal.valueOf(p.sizeBytes()));
              case "width" ->
                  number(x, name, p.width() == null ? null : BigDecimal.valueOf(p.width()));
              case "height" ->
                  number(x, name, p.height() == null ? null : BigDecimal.valueOf(p.height()));
              case "fovea" ->
                  number(x, name, p.fovea() == null ? null : BigDecimal.valueOf(p.fovea()));
              case "metadata" -> rawField(x, name, p.metadata());
              default -> {
                return false;
              }
            }
            return true;
          });
      g.writeEndObject();
      return;
    }
    if (part instanceof Part.AudioTranscription p) {
      Extras x = p.extras();
      g.writeStartObject();
      members(
          x,
          TRANSCRIPTION_PART,
          name -> {
            switch (name) {
              case "content_type" -> string(x, name, p.contentType());
              case "text" -> string(x, name, p.text());
              case "direction" -> string(x, name, p.direction());
              default -> {
                return false;
              }
            }
            return true;
          });
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
      members(
          x,
          REAL_TIME_PART,
          name -> {
            switch (name) {
              case "content_type" -> string(x, name, p.contentType());
              case "expiry_datetime" -> string(x, name, p.expiryDatetime());
              case "audio_asset_pointer" -> {
                if (p.audioAssetPointer() != null && take(x, name)) {
                  g.writeFieldName(name);
                  writeAudio(p.audioAssetPointer());
                }
              }
              case "video_container_asset_pointer" ->
                  rawField(x, name, p.videoContainerAssetPointer());
              case "frames_asset_pointers" -> {
                if (take(x, name)) {
                  g.writeFieldName(name);
                  g.writeStartArray();
                  for (RawJson frame : p.framesAssetPointers()) {
                    raw(frame);
                  }
                  g.writeEndArray();
                }
              }
              case "audio_start_timestamp" -> number(x, name, p.audioStartTimestamp());
              default -> {
                return false;
              }
            }
            return true;
          });
      g.writeEndObject();
    }
  }

  private void writeAudio(Part.AudioAssetPointer p) throws IOException {
    Extras x = p.extras();
    g.writeStartObject();
    members(
        x,
        AUDIO_PART,
        name -> {
          switch (name) {
            case "content_type" -> string(x, name, p.contentType());
            case "asset_pointer" -> string(x, name, p.assetPointer());
            case "size_bytes" ->
                number(x, name, p.sizeBytes() == null ? null : BigDecimal.valueOf(p.sizeBytes()));
            case "format" -> string(x, name, p.format());
            case "expiry_datetime" -> string(x, name, p.expiryDatetime());
            case "metadata" -> rawField(x, name, p.metadata());
            default -> {
              return false;
            }
          }
          return true;
        });
    g.writeEndObject();
  }

  private static final String[] ACCOUNT = {
    "id", "email", "chatgpt_plus_user", "phone_number", "birth_year"
  };

  /** Writes {@code user.json}. */
  void write(Account a) throws IOException {
    Extras x = a.extras();
    g.writeStartObject();
    members(
        x,
        ACCOUNT,
        name -> {
          switch (name) {
            case "id" -> string(x, name, a.id());
            case "email" -> string(x, name, a.email());
            case "chatgpt_plus_user" -> bool(x, name, a.chatgptPlusUser());
            case "phone_number" -> string(x, name, a.phoneNumber());
            case "birth_year" ->
                number(x, name, a.birthYear() == null ? null : BigDecimal.valueOf(a.birthYear()));
            default -> {
              return false;
            }
          }
          return true;
        });
    g.writeEndObject();
  }

  // --- fields

  /**
   * Whether the typed field {@code name} is to be written from its component: not when the extras
   * remember a raw value for it (written with the other extra fields), nor when the input did not
   * have it.
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
        String text = x.numbers().isEmpty() ? null : x.numbers().get(name);
        if (text != null && sameNumber(text, value)) {
          g.writeNumber(text); // as read, while it is still the value
        } else {
          g.writeNumber(value);
        }
      }
    }
  }

  private static boolean sameNumber(String text, BigDecimal value) {
    try {
      return new BigDecimal(text).compareTo(value) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void time(Extras x, String name, @Nullable Instant value) throws IOException {
    if (take(x, name)) {
      g.writeFieldName(name);
      if (value == null) {
        g.writeNull();
      } else {
        String text = x.numbers().isEmpty() ? null : x.numbers().get(name);
        if (text != null && value.equals(Timestamps.parse(text))) {
          g.writeNumber(text); // as read (an integer, say), while it is still the value
        } else {
          g.writeNumber(Timestamps.format(value));
        }
      }
    }
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
  void raw(RawJson value) throws IOException {
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
