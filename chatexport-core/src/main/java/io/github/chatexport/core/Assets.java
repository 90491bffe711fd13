package io.github.chatexport.core;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.Asset;
import io.github.chatexport.api.AssetReference;
import io.github.chatexport.api.Content;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.MessageNode;
import io.github.chatexport.api.Part;
import io.github.chatexport.api.RawJson;
import io.github.chatexport.core.internal.assets.AssetIndex;
import io.github.chatexport.core.internal.source.ExportSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The assets of an export (uploads, generated images, voice recordings) and the resolution of the
 * pointers that messages make to them.
 *
 * <pre>{@code
 * Assets assets = export.assets();
 * for (AssetReference ref : assets.references(conversation)) {
 *   if (ref.isMissing()) continue;                       // expired or server-side: normal
 *   try (InputStream in = assets.open(ref.asset())) {
 *     Files.copy(in, dir.resolve(ref.asset().fileName()));
 *   }
 * }
 * }</pre>
 *
 * <p>Every naming pattern of the export generations is recognized: {@code file-<id>-<name>} and
 * {@code file_<hex>-<name>} at the root, {@code dalle-generations/}, {@code user-<id>/…}, {@code
 * <conversation-id>/audio|video|image/}, {@code <id>.dat} (2026), and {@code chat.html}'s {@code
 * assetsJson}. The index grows with the number of files, never with their bytes. Assets are opened
 * straight from the archive.
 */
public final class Assets {
  private final ExportSource source;
  private final AssetIndex index;

  Assets(ExportSource source, AssetIndex index) {
    this.source = source;
    this.index = index;
  }

  /** Every asset of the export, in entry order. */
  public List<Asset> all() {
    return index.all();
  }

  /**
   * The asset a pointer or id names: {@code sediment://file_…}, {@code file-service://file-…}, an
   * attachment id, or an {@code aggregate_result} image reference. Empty when the export does not
   * hold it.
   */
  public Optional<Asset> resolve(String pointerOrId) {
    requireNonNull(pointerOrId, "pointerOrId");
    return Optional.ofNullable(index.resolve(pointerOrId));
  }

  /**
   * The asset references the messages of {@code conversation} make (every branch, in mapping
   * order), each resolved or marked missing. The same pointer from the same message is listed once.
   */
  public List<AssetReference> references(Conversation conversation) {
    Set<String> seen = new LinkedHashSet<>();
    List<AssetReference> out = new ArrayList<>();
    for (MessageNode node : conversation.nodes().values()) {
      Message m = node.message();
      if (m == null) {
        continue;
      }
      List<Pointer> pointers = new ArrayList<>();
      collect(m, pointers);
      for (Pointer p : pointers) {
        if (p.pointer().isEmpty() || !seen.add(m.id() + '\u0000' + p.pointer())) {
          continue;
        }
        out.add(
            new AssetReference(
                p.pointer(),
                p.kind(),
                conversation.id(),
                m.id(),
                index.resolve(p.pointer(), conversation.id())));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Opens an asset's bytes, straight from the archive. The caller closes the stream.
   *
   * @throws IOException if the entry cannot be read
   */
  public InputStream open(Asset asset) throws IOException {
    requireNonNull(asset, "asset");
    return source.open(index.sourceEntry(asset));
  }

  private record Pointer(String pointer, AssetReference.Kind kind) {}

  private static void collect(Message m, List<Pointer> out) {
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

  @Override
  public String toString() {
    return "Assets[" + index.all().size() + " assets]";
  }
}
