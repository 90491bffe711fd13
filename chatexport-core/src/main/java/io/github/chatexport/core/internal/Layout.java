package io.github.chatexport.core.internal;

import io.github.chatexport.api.ExportManifest;
import io.github.chatexport.api.Location;
import io.github.chatexport.api.Warning;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where the files of an export are: its root folder inside the source (exports are sometimes
 * re-zipped under one top folder), its conversation files in reading order, and the other files by
 * name.
 *
 * @param prefix the root folder, ending with {@code /}, or empty
 * @param conversations the conversation files, in reading order
 * @param html whether the conversations come from {@code chat.html}'s {@code jsonData}
 * @param manifest {@code export_manifest.json}, or null
 */
record Layout(String prefix, List<String> conversations, boolean html, @Nullable String manifest) {
  /**
   * At most this many warnings about single files the manifest lists (then one that counts the
   * rest).
   */
  private static final int MAX_FILE_WARNINGS = 100;

  private static final Pattern SHARD = Pattern.compile("conversations-(\\d+)\\.json");

  /**
   * Finds the layout of {@code entries}: the shards listed by the manifest, in its order; else
   * {@code conversations-NNN.json} by number; else {@code conversations.json}; else {@code
   * chat.html}. {@code conversations} is empty when there is none of these.
   */
  public static Layout of(
      List<String> entries,
      boolean singleFile,
      String file,
      Function<String, ExportManifest> manifests,
      ToLongFunction<String> sizes,
      Consumer<Warning> warnings) {
    if (singleFile) {
      return new Layout("", List.copyOf(entries), false, null);
    }
    String prefix = commonPrefix(entries);
    Set<String> all = new HashSet<>(entries);
    List<String> shards = new ArrayList<>();
    String single = null;
    String html = null;
    String manifest = null;
    for (String entry : entries) {
      if (!entry.startsWith(prefix)) {
        continue;
      }
      String name = entry.substring(prefix.length());
      if (SHARD.matcher(name).matches()) {
        shards.add(entry);
      } else if (name.equals("conversations.json")) {
        single = entry;
      } else if (name.equals("chat.html")) {
        html = entry;
      } else if (name.equals("export_manifest.json")) {
        manifest = entry;
      }
    }
    List<String> listed = List.of();
    if (manifest != null) {
      listed = new ArrayList<>();
      ExportManifest m = manifests.apply(manifest);
      Set<String> missing = new HashSet<>();
      for (String shard : m.shards()) {
        String entry = prefix + shard;
        if (all.contains(entry)) {
          listed.add(entry);
        } else if (missing.add(shard)) {
          warnings.accept(
              new Warning(
                  Warning.Kind.MISSING_FILE,
                  "the manifest lists the shard "
                      + shard
                      + ", which the export does not hold: its conversations are lost",
                  location(file, manifest)));
        }
      }
      int reported = 0;
      for (ExportManifest.File listedFile : m.files()) {
        String name = listedFile.name();
        if (!listedFile.shards().isEmpty()
            || m.logicalFiles().containsKey(name) && !all.contains(prefix + name)) {
          continue; // a logical file, made of the files it lists
        }
        String entry = prefix + name;
        if (!all.contains(entry)) {
          if (missing.add(name) && reported++ < MAX_FILE_WARNINGS) {
            warnings.accept(
                new Warning(
                    Warning.Kind.MISSING_FILE,
                    "the manifest lists " + name + ", which the export does not hold",
                    location(file, manifest)));
          }
        } else if (listedFile.size() != null) {
          long size = sizes.applyAsLong(entry);
          if (size >= 0 && size != listedFile.size() && reported++ < MAX_FILE_WARNINGS) {
            warnings.accept(
                new Warning(
                    Warning.Kind.SIZE_MISMATCH,
                    "the manifest gives "
                        + name
                        + " "
                        + listedFile.size()
                        + " bytes, the export holds "
                        + size
                        + " (a truncated download?)",
                    location(file, entry)));
          }
        }
      }
      if (reported > MAX_FILE_WARNINGS) {
        warnings.accept(
            new Warning(
                Warning.Kind.MISSING_FILE,
                (reported - MAX_FILE_WARNINGS)
                    + " more files the manifest lists are missing or of another size",
                location(file, manifest)));
      }
    }
    List<String> conversations;
    if (!listed.isEmpty()) {
      for (String shard : shards) {
        if (!listed.contains(shard)) {
          warnings.accept(
              new Warning(
                  Warning.Kind.IGNORED_FILE,
                  "a shard the manifest does not list is ignored",
                  location(file, shard)));
        }
      }
      conversations = List.copyOf(listed);
    } else if (!shards.isEmpty()) {
      shards.sort(Comparator.comparing((String s) -> shardNumber(s.substring(prefix.length()))));
      conversations = List.copyOf(shards);
    } else if (single != null) {
      conversations = List.of(single);
    } else if (html != null) {
      return new Layout(prefix, List.of(html), true, manifest);
    } else {
      conversations = List.of();
    }
    if (single != null && !conversations.contains(single)) {
      warnings.accept(
          new Warning(
              Warning.Kind.IGNORED_FILE,
              "conversations.json is ignored: the export has shards",
              location(file, single)));
    }
    return new Layout(prefix, conversations, false, manifest);
  }

  private static Location location(String file, String entry) {
    return new Location(file, entry, -1, -1, -1, "$", null);
  }

  /**
   * The entry of the export file {@code name} (relative to the export's root), if the export has
   * it.
   */
  public @Nullable String find(List<String> entries, String name) {
    String entry = prefix + name;
    return entries.contains(entry) ? entry : null;
  }

  private static BigInteger shardNumber(String name) {
    Matcher m = SHARD.matcher(name);
    return m.matches() ? new BigInteger(m.group(1)) : BigInteger.ZERO;
  }

  /** The one top folder that holds every entry, if there is one and nothing lies beside it. */
  private static String commonPrefix(List<String> entries) {
    String first = null;
    for (String entry : entries) {
      int slash = entry.indexOf('/');
      if (slash < 0) {
        return "";
      }
      String top = entry.substring(0, slash + 1);
      if (first == null) {
        first = top;
      } else if (!first.equals(top)) {
        return "";
      }
    }
    return first == null ? "" : first;
  }
}
