package io.github.chatexport.core.internal.assets;

import io.github.chatexport.api.AssetReference;
import io.github.chatexport.api.Content;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.Part;
import io.github.chatexport.api.RawJson;
import java.util.List;

/**
 * The pointers a message makes to assets: image, audio and video parts, live audio and video,
 * computer screenshots, browsing images, attachments, and the images of a code result.
 */
final class Pointers {
  private Pointers() {}

  /** A pointer or id, and what the message uses it for. */
  record Pointer(String pointer, AssetReference.Kind kind) {}

  /** Adds the pointers {@code m} makes to {@code out}, in the order the message holds them. */
  static void collect(Message m, List<Pointer> out) {
    Content content = m.content();
    if (content instanceof Content.MultimodalText multimodal) {
      for (Part part : multimodal.parts()) {
        if (part instanceof Part.ImageAssetPointer image) {
          out.add(new Pointer(image.assetPointer(), AssetReference.Kind.IMAGE));
        } else if (part instanceof Part.AudioAssetPointer audio) {
          out.add(new Pointer(audio.assetPointer(), AssetReference.Kind.AUDIO));
        } else if (part instanceof Part.RealTimeUserAudioVideoAssetPointer live) {
          if (live.audioAssetPointer() != null) {
            out.add(
                new Pointer(live.audioAssetPointer().assetPointer(), AssetReference.Kind.AUDIO));
          }
          if (live.videoContainerAssetPointer() != null) {
            live.videoContainerAssetPointer()
                .get("asset_pointer")
                .asString()
                .ifPresent(p -> out.add(new Pointer(p, AssetReference.Kind.VIDEO)));
          }
          for (RawJson frame : live.framesAssetPointers()) {
            RawJson pointer =
                frame instanceof RawJson.JsonString ? frame : frame.get("asset_pointer");
            pointer.asString().ifPresent(p -> out.add(new Pointer(p, AssetReference.Kind.IMAGE)));
          }
        }
      }
    } else if (content instanceof Content.ComputerOutput computer
        && computer.screenshot() != null) {
      computer
          .screenshot()
          .get("asset_pointer")
          .asString()
          .ifPresent(p -> out.add(new Pointer(p, AssetReference.Kind.SCREENSHOT)));
    } else if (content instanceof Content.TetherBrowsingDisplay browsing
        && browsing.extras().get("assets") instanceof RawJson.JsonArray assets) {
      for (RawJson asset : assets.elements()) {
        asset
            .get("asset_pointer")
            .asString()
            .ifPresent(p -> out.add(new Pointer(p, AssetReference.Kind.IMAGE)));
      }
    }
    for (var attachment : m.metadata().attachments()) {
      out.add(new Pointer(attachment.id(), AssetReference.Kind.ATTACHMENT));
    }
    m.metadata()
        .aggregateResult()
        .ifPresent(
            result -> {
              if (result.get("messages") instanceof RawJson.JsonArray messages) {
                for (RawJson message : messages.elements()) {
                  message
                      .get("image_url")
                      .asString()
                      .filter(
                          url -> url.startsWith("file-service://") || url.startsWith("sediment://"))
                      .ifPresent(url -> out.add(new Pointer(url, AssetReference.Kind.CODE_OUTPUT)));
                }
              }
            });
  }
}
