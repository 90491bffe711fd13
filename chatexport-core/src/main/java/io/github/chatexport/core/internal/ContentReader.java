package io.github.chatexport.core.internal;

import io.github.chatexport.api.Content;
import io.github.chatexport.api.Extras;
import io.github.chatexport.api.Metadata;
import io.github.chatexport.api.Part;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.api.Warning;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a message's {@code content} object (read whole, since its {@code content_type} may come after its other
 * keys) into the {@link Content} record of its type, and checks the types of the metadata keys the model types.
 */
final class ContentReader {
  private final Problems problems;

  ContentReader(Problems problems) {
    this.problems = problems;
  }

  Content read(RawJson.JsonObject o, Mark at, LazyPath path) {
    RawJson type = o.get("content_type");
    if (!(type instanceof RawJson.JsonString typeString)) {
      if (!o.has("content_type")) {
        problems.warn(Warning.Kind.MISSING_FIELD, "the content has no content_type", at.toLocation(),
            path.key("content_type").toString());
      } else {
        problems.warn(Warning.Kind.TYPE_MISMATCH, "content_type is " + article(type.kind()) + ", not a string",
            at.toLocation(), path.key("content_type").toString());
      }
      return new Content.Unknown("", o);
    }
    String contentType = typeString.value();
    ObjectFields f = new ObjectFields(problems, o, at, path);
    f.take("content_type");
    switch (contentType) {
      case Content.Text.CONTENT_TYPE: {
        List<String> parts = f.strings("parts");
        return new Content.Text(parts == null ? List.of() : parts, f.extras());
      }
      case Content.MultimodalText.CONTENT_TYPE: {
        RawJson.JsonArray parts = f.array("parts");
        List<Part> out = new ArrayList<>();
        if (parts != null) {
          LazyPath partsPath = path.key("parts");
          List<RawJson> elements = parts.elements();
          for (int i = 0; i < elements.size(); i++) {
            out.add(part(elements.get(i), at, partsPath.index(i)));
          }
        }
        return new Content.MultimodalText(out, f.extras());
      }
      case Content.Code.CONTENT_TYPE: {
        String language = f.string("language");
        String format = f.string("response_format_name");
        String text = f.text("text");
        return new Content.Code(language, format, text, f.extras());
      }
      case Content.ExecutionOutput.CONTENT_TYPE:
        return new Content.ExecutionOutput(f.text("text"), f.extras());
      case Content.TetherBrowsingDisplay.CONTENT_TYPE: {
        String result = f.text("result");
        String summary = f.string("summary");
        return new Content.TetherBrowsingDisplay(result, summary, f.extras());
      }
      case Content.TetherQuote.CONTENT_TYPE: {
        String url = f.string("url");
        String domain = f.string("domain");
        String text = f.text("text");
        String title = f.string("title");
        return new Content.TetherQuote(url, domain, text, title, f.extras());
      }
      case Content.SystemError.CONTENT_TYPE: {
        String name = f.string("name");
        return new Content.SystemError(name, f.text("text"), f.extras());
      }
      case Content.UserEditableContext.CONTENT_TYPE: {
        String profile = f.string("user_profile");
        String instructions = f.string("user_instructions");
        return new Content.UserEditableContext(profile, instructions, f.extras());
      }
      case Content.ModelEditableContext.CONTENT_TYPE:
        return new Content.ModelEditableContext(f.string("model_set_context"), f.extras());
      case Content.Thoughts.CONTENT_TYPE: {
        RawJson.JsonArray thoughts = f.array("thoughts");
        List<Content.Thought> out = new ArrayList<>();
        if (thoughts != null) {
          LazyPath thoughtsPath = path.key("thoughts");
          List<RawJson> elements = thoughts.elements();
          for (int i = 0; i < elements.size(); i++) {
            out.add(thought(elements.get(i), at, thoughtsPath.index(i)));
          }
        }
        return new Content.Thoughts(out, f.string("source_analysis_msg_id"), f.extras());
      }
      case Content.ReasoningRecap.CONTENT_TYPE:
        return new Content.ReasoningRecap(f.text("content"), f.extras());
      case Content.ComputerOutput.CONTENT_TYPE: {
        String computerId = f.string("computer_id");
        RawJson screenshot = f.raw("screenshot");
        RawJson state = f.raw("state");
        Boolean ephemeral = f.bool("is_ephemeral");
        return new Content.ComputerOutput(computerId, screenshot, state, ephemeral, f.extras());
      }
      case Content.SonicWebpage.CONTENT_TYPE: {
        String url = f.string("url");
        String domain = f.string("domain");
        String title = f.string("title");
        String text = f.text("text");
        String snippet = f.string("snippet");
        return new Content.SonicWebpage(url, domain, title, text, snippet, f.extras());
      }
      default:
        return new Content.Unknown(contentType, o);
    }
  }

  private Content.Thought thought(RawJson value, Mark at, LazyPath path) {
    if (!(value instanceof RawJson.JsonObject o)) {
      problems.warn(Warning.Kind.TYPE_MISMATCH, "a thought is " + article(value.kind()) + ", not an object",
          at.toLocation(), path.toString());
      return new Content.Thought(null, null, List.of(), null,
          Extras.of(Map.of("$value", value)));
    }
    ObjectFields f = new ObjectFields(problems, o, at, path);
    String summary = f.string("summary");
    String content = f.string("content");
    List<String> chunks = f.strings("chunks");
    Boolean finished = f.bool("finished");
    return new Content.Thought(summary, content, chunks == null ? List.of() : chunks, finished, f.extras());
  }

  private Part part(RawJson value, Mark at, LazyPath path) {
    if (value instanceof RawJson.JsonString s) {
      return new Part.PlainText(s.value());
    }
    if (value.isNull()) {
      return Part.Null.INSTANCE;
    }
    if (!(value instanceof RawJson.JsonObject o)) {
      return new Part.Unknown(value);
    }
    RawJson type = o.get("content_type");
    String contentType = type instanceof RawJson.JsonString s ? s.value() : null;
    if (contentType == null) {
      if (!o.has("content_type") && o.get("text") instanceof RawJson.JsonString) {
        ObjectFields f = new ObjectFields(problems, o, at, path);
        f.take("content_type");
        return new Part.TextObject(f.text("text"), f.extras());
      }
      return new Part.Unknown(o);
    }
    ObjectFields f = new ObjectFields(problems, o, at, path);
    f.take("content_type");
    switch (contentType) {
      case Part.ImageAssetPointer.CONTENT_TYPE: {
        String pointer = f.text("asset_pointer");
        Long size = f.longValue("size_bytes");
        Integer width = f.intValue("width");
        Integer height = f.intValue("height");
        Integer fovea = f.intValue("fovea");
        RawJson metadata = f.raw("metadata");
        return new Part.ImageAssetPointer(pointer, size, width, height, fovea, metadata, f.extras());
      }
      case Part.AudioTranscription.CONTENT_TYPE: {
        String text = f.text("text");
        String direction = f.string("direction");
        return new Part.AudioTranscription(text, direction, f.extras());
      }
      case Part.AudioAssetPointer.CONTENT_TYPE:
        return audio(f);
      case Part.RealTimeUserAudioVideoAssetPointer.CONTENT_TYPE: {
        String expiry = f.string("expiry_datetime");
        RawJson audioValue = o.get("audio_asset_pointer");
        Part.AudioAssetPointer audio = null;
        if (audioValue instanceof RawJson.JsonObject audioObject
            && audioObject.get("content_type").asString().orElse("").equals(Part.AudioAssetPointer.CONTENT_TYPE)) {
          f.take("audio_asset_pointer");
          ObjectFields af = new ObjectFields(problems, audioObject, at, path.key("audio_asset_pointer"));
          af.take("content_type");
          audio = audio(af);
        }
        RawJson video = f.raw("video_container_asset_pointer");
        RawJson.JsonArray frames = f.array("frames_asset_pointers");
        BigDecimal start = f.number("audio_start_timestamp");
        return new Part.RealTimeUserAudioVideoAssetPointer(expiry, audio, video,
            frames == null ? List.of() : frames.elements(), start, f.extras());
      }
      case "text": {
        if (o.get("text") instanceof RawJson.JsonString) {
          return new Part.TextObject(f.text("text"), f.extras());
        }
        return new Part.Unknown(o);
      }
      default:
        return new Part.Unknown(o);
    }
  }

  private static Part.AudioAssetPointer audio(ObjectFields f) {
    String pointer = f.text("asset_pointer");
    Long size = f.longValue("size_bytes");
    String format = f.string("format");
    String expiry = f.string("expiry_datetime");
    RawJson metadata = f.raw("metadata");
    return new Part.AudioAssetPointer(pointer, size, format, expiry, metadata, f.extras());
  }

  /** Warns about metadata keys the model types whose JSON type is not the expected one. */
  void checkMetadata(Metadata metadata, Mark at, LazyPath path) {
    Map<String, RawJson> members = metadata.json().members();
    if (members.isEmpty()) {
      return;
    }
    check(members, "model_slug", RawJson.JsonString.class, "a string", at, path);
    check(members, "resolved_model_slug", RawJson.JsonString.class, "a string", at, path);
    check(members, "finish_details", RawJson.JsonObject.class, "an object", at, path);
    check(members, "is_visually_hidden_from_conversation", RawJson.JsonBoolean.class, "a boolean", at, path);
    check(members, "is_user_system_message", RawJson.JsonBoolean.class, "a boolean", at, path);
    check(members, "voice_mode_message", RawJson.JsonBoolean.class, "a boolean", at, path);
    check(members, "reasoning_status", RawJson.JsonString.class, "a string", at, path);
    check(members, "attachments", RawJson.JsonArray.class, "an array", at, path);
    check(members, "citations", RawJson.JsonArray.class, "an array", at, path);
    check(members, "content_references", RawJson.JsonArray.class, "an array", at, path);
    check(members, "search_result_groups", RawJson.JsonArray.class, "an array", at, path);
  }

  private void check(Map<String, RawJson> members, String key, Class<? extends RawJson> expected,
      String expectedName, Mark at, LazyPath path) {
    RawJson v = members.get(key);
    if (v != null && !v.isNull() && !expected.isInstance(v)) {
      problems.warn(Warning.Kind.TYPE_MISMATCH,
          "expected " + expectedName + ", found " + article(v.kind()) + "; kept as is", at.toLocation(),
          path.key(key).toString());
    }
  }

  static String article(String kind) {
    return switch (kind) {
      case "object", "array" -> "an " + kind;
      case "null" -> "null";
      default -> "a " + kind;
    };
  }
}
