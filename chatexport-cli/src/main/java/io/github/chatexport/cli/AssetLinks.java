package io.github.chatexport.cli;

import io.github.chatexport.api.Asset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names of asset copies in OUT-DIR/{@value #FOLDER}: {@code <asset id>-<safe file name>},
 * stable across runs and unique within one (also ignoring case, as Windows and macOS compare), and
 * the assets each note links.
 */
final class AssetLinks {
  static final String FOLDER = "assets";
  private static final int MAX_BYTES = 200;

  private final Map<String, String> byEntry = new HashMap<>();
  private final Map<String, String> taken = new HashMap<>();
  private final Map<String, Asset> linked = new LinkedHashMap<>();

  /** The file name of {@code asset}'s copy. */
  String name(Asset asset) {
    String name = byEntry.get(asset.entry());
    if (name == null) {
      String file = asset.fileName();
      String id = SafeName.of(asset.id(), 80, "asset");
      name = SafeName.of(file.startsWith(id) ? file : id + "-" + file, MAX_BYTES, "asset");
      String owner = taken.get(name.toLowerCase(Locale.ROOT));
      if (owner != null && !owner.equals(asset.entry())) {
        String hash =
            NoteState.sha256(asset.entry().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        name = SafeName.of(hash + "-" + file, MAX_BYTES, "asset");
      }
      taken.put(name.toLowerCase(Locale.ROOT), asset.entry());
      byEntry.put(asset.entry(), name);
    }
    return name;
  }

  /** The link from a note in OUT-DIR to {@code asset}'s copy, remembered for {@link #drain()}. */
  String link(Asset asset) {
    String name = name(asset);
    linked.put(asset.entry(), asset);
    return Markdown.path(FOLDER + "/" + name);
  }

  /** The assets linked since the last call. */
  List<Asset> drain() {
    List<Asset> out = new ArrayList<>(linked.values());
    linked.clear();
    return out;
  }
}
