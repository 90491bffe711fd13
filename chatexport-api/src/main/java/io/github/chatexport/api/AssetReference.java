package io.github.chatexport.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A pointer from a message to an asset, resolved against the files of the export, or missing. A
 * missing asset is normal (expired voice recordings, files kept only on the server): it is part of
 * the answer, not an error.
 *
 * @param pointer the pointer as written ({@code sediment://file_…}, {@code file-service://file-…},
 *     or a bare attachment id)
 * @param kind what kind of reference it is
 * @param conversationId the conversation
 * @param messageId the message that makes the reference
 * @param asset the asset the pointer resolves to, or null when the export does not hold it
 */
public record AssetReference(
    String pointer, Kind kind, String conversationId, String messageId, @Nullable Asset asset) {

  /** Checks the components. */
  public AssetReference {
    requireNonNull(pointer, "pointer");
    requireNonNull(kind, "kind");
    requireNonNull(conversationId, "conversationId");
    requireNonNull(messageId, "messageId");
  }

  /** What a reference points to. */
  public enum Kind {
    /** An image part ({@code image_asset_pointer}), generated or uploaded. */
    IMAGE,
    /** Recorded audio ({@code audio_asset_pointer}). */
    AUDIO,
    /** A video container of advanced voice with video. */
    VIDEO,
    /** A file the user attached ({@code metadata.attachments}). */
    ATTACHMENT,
    /** An image the code interpreter produced ({@code metadata.aggregate_result}). */
    CODE_OUTPUT,
    /** A screenshot of the agent's computer ({@code computer_output}). */
    SCREENSHOT,
    /** Another pointer. */
    OTHER
  }

  /**
   * The asset id the pointer names: the pointer without its scheme ({@code sediment://file_1} and
   * {@code file_1} both give {@code file_1}), so that an image part and an attachment of the same
   * upload compare equal.
   */
  public String assetId() {
    return assetId(pointer);
  }

  /** The asset id a pointer names: the pointer without its scheme, query or fragment. */
  public static String assetId(String pointer) {
    String id = requireNonNull(pointer, "pointer");
    int scheme = id.indexOf("://");
    if (scheme >= 0) {
      id = id.substring(scheme + 3);
    }
    int end = id.length();
    for (char c : new char[] {'?', '#'}) {
      int i = id.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return id.substring(0, end);
  }

  /** The asset, if the export holds it. */
  public Optional<Asset> resolved() {
    return Optional.ofNullable(asset);
  }

  /** Whether the export does not hold the asset. */
  public boolean isMissing() {
    return asset == null;
  }

  @Override
  public String toString() {
    // the pointer is an id; the asset's entry would show the upload's name
    return "AssetReference["
        + kind
        + ", "
        + pointer
        + (asset == null ? ", missing" : ", present")
        + "]";
  }
}
