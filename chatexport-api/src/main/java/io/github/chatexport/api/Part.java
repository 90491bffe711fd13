package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One element of the {@code parts} of a {@link Content.MultimodalText}: a string, an object with a
 * {@code content_type}, or {@code null} (real exports have all three).
 *
 * <p>On Java 17, dispatch with {@code instanceof}:
 *
 * <pre>{@code
 * if (part instanceof Part.PlainText t) { ... t.text() ... }
 * else if (part instanceof Part.ImageAssetPointer image) { ... image.assetPointer() ... }
 * }</pre>
 */
public sealed interface Part
    permits Part.PlainText,
        Part.ImageAssetPointer,
        Part.AudioTranscription,
        Part.AudioAssetPointer,
        Part.RealTimeUserAudioVideoAssetPointer,
        Part.TextObject,
        Part.Unknown,
        Part.Null {

  /**
   * The part's {@code content_type} as written; empty for strings, {@code null} parts and untyped
   * objects.
   */
  String contentType();

  /**
   * The readable text this part adds to {@link Message#text()}, or null when it adds none (images,
   * audio).
   */
  default @Nullable String readableText() {
    return null;
  }

  /** A part that is a plain JSON string. */
  record PlainText(String text) implements Part {
    /** Checks the text. */
    public PlainText {
      requireNonNull(text, "text");
    }

    @Override
    public String contentType() {
      return "";
    }

    @Override
    public String readableText() {
      return text;
    }

    @Override
    public String toString() {
      return "PlainText[" + text.length() + " chars]";
    }
  }

  /**
   * An image: {@code image_asset_pointer}.
   *
   * @param assetPointer {@code file-service://file-…} or {@code sediment://file_…}; empty when
   *     absent
   * @param sizeBytes the size in bytes
   * @param width the width in pixels
   * @param height the height in pixels
   * @param fovea the fovea value (an integer or null)
   * @param metadata the image's metadata object (DALL·E and generation details), null when absent
   * @param extras fields no component holds
   */
  record ImageAssetPointer(
      String assetPointer,
      @Nullable Long sizeBytes,
      @Nullable Integer width,
      @Nullable Integer height,
      @Nullable Integer fovea,
      @Nullable RawJson metadata,
      Extras extras)
      implements Part {
    /** The content type of this part. */
    public static final String CONTENT_TYPE = "image_asset_pointer";

    /** Checks the components. */
    public ImageAssetPointer {
      requireNonNull(assetPointer, "assetPointer");
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String toString() {
      return "ImageAssetPointer[" + assetPointer + ", " + sizeBytes + " bytes]";
    }
  }

  /**
   * The transcript of a voice message: {@code audio_transcription}.
   *
   * @param text the transcript
   * @param direction {@code in} (spoken by the user) or {@code out} (spoken by the model)
   * @param extras fields no component holds ({@code decoding_id}, …)
   */
  record AudioTranscription(String text, @Nullable String direction, Extras extras)
      implements Part {
    /** The content type of this part. */
    public static final String CONTENT_TYPE = "audio_transcription";

    /** Checks the components. */
    public AudioTranscription {
      requireNonNull(text, "text");
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String readableText() {
      return text;
    }

    @Override
    public String toString() {
      return "AudioTranscription[" + text.length() + " chars, " + direction + "]";
    }
  }

  /**
   * Recorded audio: {@code audio_asset_pointer}.
   *
   * @param assetPointer {@code sediment://file_…}; empty when absent
   * @param sizeBytes the size in bytes
   * @param format the audio format, such as {@code wav}
   * @param expiryDatetime when the server-side copy expires, as the ISO text written
   * @param metadata the audio's metadata object (timestamps, transcription details), null when
   *     absent
   * @param extras fields no component holds
   */
  record AudioAssetPointer(
      String assetPointer,
      @Nullable Long sizeBytes,
      @Nullable String format,
      @Nullable String expiryDatetime,
      @Nullable RawJson metadata,
      Extras extras)
      implements Part {
    /** The content type of this part. */
    public static final String CONTENT_TYPE = "audio_asset_pointer";

    /** Checks the components. */
    public AudioAssetPointer {
      requireNonNull(assetPointer, "assetPointer");
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String toString() {
      return "AudioAssetPointer[" + assetPointer + ", " + sizeBytes + " bytes]";
    }
  }

  /**
   * The user's side of an advanced-voice exchange: {@code
   * real_time_user_audio_video_asset_pointer}.
   *
   * @param expiryDatetime when the server-side copy expires, as the ISO text written
   * @param audioAssetPointer the recorded audio, null when absent or null
   * @param videoContainerAssetPointer the video container pointer object, null when absent
   * @param framesAssetPointers the video frames' pointers, as written
   * @param audioStartTimestamp the start of the audio, in seconds
   * @param extras fields no component holds
   */
  record RealTimeUserAudioVideoAssetPointer(
      @Nullable String expiryDatetime,
      @Nullable AudioAssetPointer audioAssetPointer,
      @Nullable RawJson videoContainerAssetPointer,
      List<RawJson> framesAssetPointers,
      @Nullable BigDecimal audioStartTimestamp,
      Extras extras)
      implements Part {
    /** The content type of this part. */
    public static final String CONTENT_TYPE = "real_time_user_audio_video_asset_pointer";

    /** Checks and copies the components. */
    public RealTimeUserAudioVideoAssetPointer {
      framesAssetPointers = List.copyOf(framesAssetPointers);
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return CONTENT_TYPE;
    }

    @Override
    public String toString() {
      return "RealTimeUserAudioVideoAssetPointer[audio="
          + audioAssetPointer
          + ", "
          + framesAssetPointers.size()
          + " frames]";
    }
  }

  /**
   * A text object inside {@code parts}: {@code {"content_type": "text", "text": …}} or {@code
   * {"text": …}}.
   *
   * @param text the text
   * @param extras fields no component holds; {@code content_type} is in {@link Extras#absent()}
   *     when the object had none
   */
  record TextObject(String text, Extras extras) implements Part {
    /** Checks the components. */
    public TextObject {
      requireNonNull(text, "text");
      requireNonNull(extras, "extras");
    }

    @Override
    public String contentType() {
      return extras.isAbsent("content_type") ? "" : "text";
    }

    @Override
    public String readableText() {
      return text;
    }

    @Override
    public String toString() {
      return "TextObject[" + text.length() + " chars]";
    }
  }

  /**
   * A part this version does not know (an object with another {@code content_type}, or a number,
   * boolean or array), kept verbatim.
   *
   * @param json the part as written
   */
  record Unknown(RawJson json) implements Part {
    /** Checks the component. */
    public Unknown {
      requireNonNull(json, "json");
    }

    @Override
    public String contentType() {
      return json.get("content_type").asString().orElse("");
    }

    @Override
    public String toString() {
      return "Unknown[" + contentType() + ", " + json + "]";
    }
  }

  /** A JSON {@code null} in {@code parts}. */
  record Null() implements Part {
    /** The one instance there needs to be. */
    public static final Null INSTANCE = new Null();

    @Override
    public String contentType() {
      return "";
    }

    /** Serializes as JSON {@code null}. */
    @Nullable Object json() {
      return null;
    }
  }
}
