package io.github.chatexport.core.internal.assets;

import io.github.chatexport.api.Asset;
import io.github.chatexport.api.AssetReference;
import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.LibraryFile;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.MessageNode;
import io.github.chatexport.core.internal.source.EntryNames;
import io.github.chatexport.core.internal.source.ExportSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The index of an export's assets: by id, by file name prefix, by conversation folder, and by
 * chat.html's {@code assetsJson} pointer map. It holds one small record per file, never file
 * content.
 */
public final class AssetIndex {
  private static final Pattern CONVERSATION_MEDIA =
      Pattern.compile("([^/]+)/(audio|video|image)/[^/]+");
  private static final int SNIFF = 64;

  private final ExportSource source;
  private final String prefix;
  private final List<Asset> all = new ArrayList<>();
  private final Map<String, Asset> byId = new HashMap<>();
  private final Map<String, Asset> byEntry = new HashMap<>();
  private final TreeMap<String, Asset> byBaseName = new TreeMap<>();
  private final Map<String, Map<String, Asset>> byConversation = new HashMap<>();
  private final Supplier<Map<String, String>> htmlAssets;
  private @Nullable Map<String, String> htmlMap;

  /**
   * Indexes the asset files among {@code entries} (relative to {@code prefix}).
   *
   * @param displayNames {@code conversation_asset_file_names.json}: file name to display name
   * @param library {@code library_files.json}: MIME types and names by file id
   * @param htmlAssets chat.html's {@code assetsJson}: pointer to path, read when first needed
   */
  public AssetIndex(
      ExportSource source,
      String prefix,
      Map<String, String> displayNames,
      List<LibraryFile> library,
      Supplier<Map<String, String>> htmlAssets) {
    this.source = source;
    this.prefix = prefix;
    this.htmlAssets = htmlAssets;
    Map<String, LibraryFile> libraryById = new HashMap<>();
    for (LibraryFile file : library) {
      libraryById.putIfAbsent(file.fileId(), file);
    }
    for (String entry : source.entries()) {
      if (!entry.startsWith(prefix)) {
        continue;
      }
      String name = entry.substring(prefix.length());
      if (!isAsset(name)) {
        continue;
      }
      String base = EntryNames.baseName(name);
      String id = idOf(base);
      LibraryFile lib = libraryById.get(id);
      String display = displayNames.get(base);
      if (display == null && lib != null) {
        display = lib.fileName();
      }
      if (display == null) {
        display = nameAfterId(base, id);
      }
      String mime = lib != null ? lib.mimeType() : null;
      if (mime == null) {
        mime = sniff(source, entry);
      }
      if (mime == null) {
        mime = MimeSniffer.fromExtension(display != null ? display : base);
      }
      Asset asset = new Asset(id, name, display, mime, source.size(entry));
      all.add(asset);
      byId.putIfAbsent(id, asset);
      byEntry.put(name, asset);
      byBaseName.putIfAbsent(base, asset);
      Matcher m = CONVERSATION_MEDIA.matcher(name);
      if (m.matches()) {
        byConversation
            .computeIfAbsent(m.group(1), k -> new LinkedHashMap<>())
            .putIfAbsent(id, asset);
      }
    }
  }

  /**
   * Whether an export file is an asset rather than one of the export's own JSON or HTML files, or a
   * file that is no part of the export (a {@code README.md} someone put beside it, {@code
   * .DS_Store}). At the root, the export names its assets by id ({@code file-…}, {@code file_…},
   * {@code ….dat}); in folders ({@code dalle-generations/}, {@code user-…/}, a conversation's
   * media, top-level {@code audio/}, {@code images/}, {@code videos/}) any file is one, except
   * canvas documents ({@code textdocs/}).
   */
  static boolean isAsset(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    String base = EntryNames.baseName(name);
    if (base.startsWith(".") || lower.startsWith("textdocs/")) {
      return false;
    }
    if (!name.contains("/")) {
      return !lower.endsWith(".json")
          && !lower.equals("chat.html")
          && (base.startsWith("file-") || base.startsWith("file_") || lower.endsWith(".dat"));
    }
    return true;
  }

  /**
   * The id a file name stands for: {@code file_abc.dat} → {@code file_abc}; {@code
   * file-AbC12-photo.png} → {@code file-AbC12}; {@code file_0a1b-x.png} → {@code file_0a1b};
   * otherwise the name without extension.
   */
  static String idOf(String base) {
    if (base.endsWith(".dat")) {
      return base.substring(0, base.length() - 4);
    }
    if (base.startsWith("file-") || base.startsWith("file_")) {
      int end = 5;
      while (end < base.length() && base.charAt(end) != '-' && base.charAt(end) != '.') {
        end++;
      }
      return base.substring(0, end);
    }
    int dot = base.lastIndexOf('.');
    return dot > 0 ? base.substring(0, dot) : base;
  }

  private static @Nullable String nameAfterId(String base, String id) {
    if (base.length() > id.length() + 1 && base.startsWith(id) && base.charAt(id.length()) == '-') {
      return base.substring(id.length() + 1);
    }
    return null;
  }

  private static @Nullable String sniff(ExportSource source, String entry) {
    try (InputStream in = source.open(entry)) {
      byte[] head = in.readNBytes(SNIFF);
      return MimeSniffer.sniff(head, head.length);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Every asset, in entry order. */
  public List<Asset> all() {
    return List.copyOf(all);
  }

  /** The asset a pointer or id names, or null. */
  public @Nullable Asset resolve(String pointer) {
    return resolve(pointer, null);
  }

  /**
   * The asset a pointer or id names, looking first in the conversation's own media folders; or
   * null.
   */
  public @Nullable Asset resolve(String pointer, @Nullable String conversationId) {
    String id = AssetReference.assetId(pointer);
    if (id.isEmpty()) {
      return null;
    }
    if (conversationId != null) {
      Map<String, Asset> own = byConversation.get(conversationId);
      if (own != null && own.containsKey(id)) {
        return own.get(id);
      }
    }
    Asset asset = byId.get(id);
    if (asset != null) {
      return asset;
    }
    Map.Entry<String, Asset> next = byBaseName.ceilingEntry(id);
    if (next != null && next.getKey().startsWith(id)) {
      return next.getValue();
    }
    Map<String, String> html = htmlMap;
    if (html == null) {
      html = htmlAssets.get();
      htmlMap = html;
    }
    String path = html.get(pointer);
    if (path == null) {
      path = html.get(id);
    }
    if (path != null) {
      String normalized = EntryNames.normalize(path);
      return normalized == null ? null : byEntry.get(normalized);
    }
    return null;
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
      List<Pointers.Pointer> pointers = new ArrayList<>();
      Pointers.collect(m, pointers);
      for (Pointers.Pointer p : pointers) {
        if (p.pointer().isEmpty() || !seen.add(m.id() + '\u0000' + p.pointer())) {
          continue;
        }
        out.add(
            new AssetReference(
                p.pointer(),
                p.kind(),
                conversation.id(),
                m.id(),
                resolve(p.pointer(), conversation.id())));
      }
    }
    return List.copyOf(out);
  }

  /** Opens an asset's bytes, straight from the source; the caller closes the stream. */
  public InputStream open(Asset asset) throws IOException {
    return source.open(prefix + asset.entry());
  }
}
