package io.github.chatexport.core.internal.parse;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.Content;
import io.github.chatexport.api.Extras;
import io.github.chatexport.api.Metadata;
import io.github.chatexport.api.Part;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.api.Warning;
import io.github.chatexport.api.internal.FrozenMap;
import io.github.chatexport.core.internal.json.Problems;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a message's {@code content} object (read whole, since its {@code content_type} may come
 * after its other keys) into the {@link Content} record of its type, and checks the types of the
 * metadata keys the model types.
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
        problems.warn(
            Warning.Kind.MISSING_FIELD,
            "the content has no content_type",
            at.toLocation(),
            path.key("content_type").toString());
      } else {
        problems.warn(
            Warning.Kind.TYPE_MISMATCH,
            "content_type is " + article(type.kind()) + ", not a string",
            at.toLocation(),
            path.key("content_type").toString());
      }
      return new Content.Unknown("", o);
    }
    String contentType = typeString.value();
    ObjectFields f = new ObjectFields(problems, o, at, path);
    f.take("content_type");
    switch (contentType) {
      case Content.Text.CONTENT_TYPE:
        {
          List<String> parts = f.strings("parts");
          return new Content.Text(parts == null ? List.of() : parts, f.extras());
        }
      case Content.MultimodalText.CONTENT_TYPE:
        {
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
      case Content.Code.CONTENT_TYPE:
        {
          String language = f.string("language");
          String format = f.string("response_format_name");
          String text = f.text("text");
          return new Content.Code(language, format, text, f.extras());
        }
      case Content.ExecutionOutput.CONTENT_TYPE:
        return new Content.ExecutionOutput(f.text("text"), f.extras());
      case Content.TetherBrowsingDisplay.CONTENT_TYPE:
        {
          String result = f.text("result");
          String summary = f.string("summary");
          return new Content.TetherBrowsingDisplay(result, summary, f.extras());
        }
      case Content.TetherQuote.CONTENT_TYPE:
        {
          String url = f.string("url");
          String domain = f.string("domain");
          String text = f.text("text");
          String title = f.string("title");
          return new Content.TetherQuote(url, domain, text, title, f.extras());
        }
      case Content.SystemError.CONTENT_TYPE:
        {
          String name = f.string("name");
          return new Content.SystemError(name, f.text("text"), f.extras());
        }
      case Content.UserEditableContext.CONTENT_TYPE:
        {
          String profile = f.string("user_profile");
          String instructions = f.string("user_instructions");
          return new Content.UserEditableContext(profile, instructions, f.extras());
        }
      case Content.ModelEditableContext.CONTENT_TYPE:
        return new Content.ModelEditableContext(f.string("model_set_context"), f.extras());
      case Content.Thoughts.CONTENT_TYPE:
        {
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
      case Content.ComputerOutput.CONTENT_TYPE:
        {
          String computerId = f.string("computer_id");
          RawJson screenshot = f.raw("screenshot");
          RawJson state = f.raw("state");
          Boolean ephemeral = f.bool("is_ephemeral");
          return new Content.ComputerOutput(computerId, screenshot, state, ephemeral, f.extras());
        }
      case Content.SonicWebpage.CONTENT_TYPE:
        {
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
      problems.warn(
          Warning.Kind.TYPE_MISMATCH,
          "a thought is " + article(value.kind()) + ", not an object",
          at.toLocation(),
          path.toString());
      return new Content.Thought(null, null, List.of(), null, Extras.of(Map.of("$value", value)));
    }
    ObjectFields f = new ObjectFields(problems, o, at, path);
    String summary = f.string("summary");
    String content = f.string("content");
    List<String> chunks = f.strings("chunks");
    Boolean finished = f.bool("finished");
    return new Content.Thought(
        summary, content, chunks == null ? List.of() : chunks, finished, f.extras());
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
      case Part.ImageAssetPointer.CONTENT_TYPE:
        {
          String pointer = f.text("asset_pointer");
          Long size = f.longValue("size_bytes");
          Integer width = f.intValue("width");
          Integer height = f.intValue("height");
          Integer fovea = f.intValue("fovea");
          RawJson metadata = f.raw("metadata");
          return new Part.ImageAssetPointer(
              pointer, size, width, height, fovea, metadata, f.extras());
        }
      case Part.AudioTranscription.CONTENT_TYPE:
        {
          String text = f.text("text");
          String direction = f.string("direction");
          return new Part.AudioTranscription(text, direction, f.extras());
        }
      case Part.AudioAssetPointer.CONTENT_TYPE:
        return audio(f);
      case Part.RealTimeUserAudioVideoAssetPointer.CONTENT_TYPE:
        {
          String expiry = f.string("expiry_datetime");
          RawJson audioValue = o.get("audio_asset_pointer");
          Part.AudioAssetPointer audio = null;
          if (audioValue instanceof RawJson.JsonObject audioObject
              && audioObject
                  .get("content_type")
                  .asString()
                  .orElse("")
                  .equals(Part.AudioAssetPointer.CONTENT_TYPE)) {
            f.take("audio_asset_pointer");
            ObjectFields af =
                new ObjectFields(problems, audioObject, at, path.key("audio_asset_pointer"));
            af.take("content_type");
            audio = audio(af);
          }
          RawJson video = f.raw("video_container_asset_pointer");
          RawJson.JsonArray frames = f.array("frames_asset_pointers");
          BigDecimal start = f.number("audio_start_timestamp");
          return new Part.RealTimeUserAudioVideoAssetPointer(
              expiry,
              audio,
              video,
              frames == null ? List.of() : frames.elements(),
              start,
              f.extras());
        }
      case "text":
        {
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

  /**
   * The metadata keys the model types, in the order their warnings are given, with the JSON type
   * expected.
   */
  private static final String[] TYPED_KEYS = {
    "model_slug",
    "resolved_model_slug",
    "finish_details",
    "is_visually_hidden_from_conversation",
    "is_user_system_message",
    "voice_mode_message",
    "reasoning_status",
    "attachments",
    "citations",
    "content_references",
    "search_result_groups"
  };

  private static final String[] EXPECTED = {
    "a string",
    "a string",
    "an object",
    "a boolean",
    "a boolean",
    "a boolean",
    "a string",
    "an array",
    "an array",
    "an array",
    "an array"
  };

  /** Warns about metadata keys the model types whose JSON type is not the expected one. */
  void checkMetadata(Metadata metadata, Mark at, LazyPath path) {
    Map<String, RawJson> members = metadata.json().members();
    if (members.isEmpty()) {
      return;
    }
    // One pass over the members; the warnings are then given in the fixed order of TYPED_KEYS.
    int wrong = 0;
    if (members instanceof FrozenMap<RawJson> frozen) {
      for (int i = 0, n = frozen.size(); i < n; i++) {
        wrong |= mistyped(frozen.keyAt(i), frozen.valueAt(i));
      }
    } else {
      for (Map.Entry<String, RawJson> e : members.entrySet()) {
        wrong |= mistyped(e.getKey(), e.getValue());
      }
    }
    for (int k = 0; wrong != 0; k++, wrong >>>= 1) {
      if ((wrong & 1) != 0) {
        String key = TYPED_KEYS[k];
        problems.warn(
            Warning.Kind.TYPE_MISMATCH,
            "expected "
                + EXPECTED[k]
                + ", found "
                + article(requireNonNull(members.get(key), "a typed key met").kind())
                + "; kept as is",
            at.toLocation(),
            path.key(key).toString());
      }
    }
  }

  /**
   * The bit of {@code key} in {@link #TYPED_KEYS} if {@code value} is not of the type expected
   * there, else 0.
   */
  private static int mistyped(String key, RawJson value) {
    if (value instanceof RawJson.JsonNull) {
      return 0;
    }
    switch (key) {
      case "model_slug":
        return value instanceof RawJson.JsonString ? 0 : 1;
      case "resolved_model_slug":
        return value instanceof RawJson.JsonString ? 0 : 1 << 1;
      case "finish_details":
        return value instanceof RawJson.JsonObject ? 0 : 1 << 2;
      case "is_visually_hidden_from_conversation":
        return value instanceof RawJson.JsonBoolean ? 0 : 1 << 3;
      case "is_user_system_message":
        return value instanceof RawJson.JsonBoolean ? 0 : 1 << 4;
      case "voice_mode_message":
        return value instanceof RawJson.JsonBoolean ? 0 : 1 << 5;
      case "reasoning_status":
        return value instanceof RawJson.JsonString ? 0 : 1 << 6;
      case "attachments":
        return value instanceof RawJson.JsonArray ? 0 : 1 << 7;
      case "citations":
        return value instanceof RawJson.JsonArray ? 0 : 1 << 8;
      case "content_references":
        return value instanceof RawJson.JsonArray ? 0 : 1 << 9;
      case "search_result_groups":
        return value instanceof RawJson.JsonArray ? 0 : 1 << 10;
      default:
        return 0;
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
