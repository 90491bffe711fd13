package io.github.chatexport.core;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.api.Asset;
import io.github.chatexport.api.AssetReference;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.internal.assets.AssetIndex;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

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
  private final AssetIndex index;

  Assets(AssetIndex index) {
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
    return index.references(conversation);
  }

  /**
   * Opens an asset's bytes, straight from the archive. The caller closes the stream.
   *
   * @throws IOException if the entry cannot be read
   */
  public InputStream open(Asset asset) throws IOException {
    requireNonNull(asset, "asset");
    return index.open(asset);
  }

  @Override
  public String toString() {
    return "Assets[" + index.all().size() + " assets]";
  }
}
