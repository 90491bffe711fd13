package io.github.chatexport.core.internal.source;

import io.github.chatexport.api.Location;
import io.github.chatexport.api.Warning;
import io.github.chatexport.core.internal.zip.ArchiveException;
import io.github.chatexport.core.internal.zip.ArchiveLimits;
import io.github.chatexport.core.internal.zip.SalvagedEntry;
import io.github.chatexport.core.internal.zip.ZipSalvage;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A ZIP whose central directory is missing or damaged (an interrupted download), read from its
 * local headers: one scan indexes the entries and where they start; each entry is then read from
 * its own header. The entry at the damage is kept too: what it holds before the damage can still be
 * read, and reading past it fails with the entry's name and offset.
 */
final class SalvagedZipSource implements ExportSource {
  private final Path path;
  private final String file;
  private final ArchiveLimits limits;
  private final Map<String, Long> offsets = new LinkedHashMap<>();
  private final Map<String, Long> sizes = new LinkedHashMap<>();
  private final Map<String, String> rawNames = new LinkedHashMap<>();
  private final @Nullable Path deleteOnClose;

  /** Scans the archive at {@code path}; damage found is reported to {@code warnings}. */
  SalvagedZipSource(
      Path path,
      String file,
      ArchiveLimits limits,
      Consumer<Warning> warnings,
      @Nullable Path deleteOnClose)
      throws IOException {
    this.path = path;
    this.file = file;
    this.limits = limits;
    this.deleteOnClose = deleteOnClose;
    List<String> names = new ArrayList<>();
    Map<String, Long> found = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(path);
        ZipSalvage zip = ZipSalvage.over(in, limits)) {
      while (true) {
        SalvagedEntry e;
        try {
          e = zip.next();
        } catch (ArchiveException damage) {
          warnings.accept(
              new Warning(
                  Warning.Kind.OTHER,
                  "the archive is damaged at entry "
                      + damage.entry()
                      + " (byte "
                      + damage.offset()
                      + "): "
                      + damage.getMessage(),
                  new Location(file, damage.entry(), -1, -1, damage.offset(), "$", null)));
          if (damage.isDamage() && isFinal(zip)) {
            break;
          }
          continue;
        }
        if (e == null) {
          if (!zip.endedAtCentralDirectory()) {
            warnings.accept(
                new Warning(
                    Warning.Kind.OTHER,
                    "the archive ends without its central directory (an interrupted download?); its entries were "
                        + "read from their local headers",
                    new Location(file, null, -1, -1, -1, "$", null)));
          }
          break;
        }
        if (e.isDirectory()) {
          continue;
        }
        String name = EntryNames.normalize(e.name());
        if (name != null && !found.containsKey(name)) {
          found.put(name, e.offset());
          sizes.put(name, e.size());
          rawNames.put(name, e.name());
          names.add(name);
        }
      }
    }
    Collections.sort(names);
    for (String name : names) {
      offsets.put(name, found.get(name));
    }
  }

  private static boolean isFinal(ZipSalvage zip) {
    try {
      zip.next();
      return false;
    } catch (IOException again) {
      return true;
    }
  }

  @Override
  public Kind kind() {
    return Kind.SALVAGED_ZIP;
  }

  @Override
  public String file() {
    return file;
  }

  @Override
  public List<String> entries() {
    return List.copyOf(offsets.keySet());
  }

  @Override
  public long size(String entry) {
    Long size = sizes.get(entry);
    return size == null ? -1 : size;
  }

  @Override
  public InputStream open(String entry) throws IOException {
    Long offset = offsets.get(entry);
    if (offset == null) {
      throw new IOException("no entry " + entry + " in " + file);
    }
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    channel.position(offset);
    InputStream raw = Channels.newInputStream(channel);
    ZipSalvage zip = ZipSalvage.over(raw, limits);
    SalvagedEntry e;
    try {
      e = zip.next();
    } catch (IOException | RuntimeException failure) {
      zip.close();
      raw.close();
      throw failure;
    }
    if (e == null) {
      zip.close();
      raw.close();
      throw new IOException("entry " + entry + " could not be read again at byte " + offset);
    }
    return new FilterInputStream(e.data()) {
      @Override
      public void close() throws IOException {
        zip.close();
        raw.close();
      }
    };
  }

  @Override
  public @Nullable String locationEntry(String entry) {
    String raw = rawNames.get(entry);
    return raw == null ? entry : raw;
  }

  @Override
  public void close() {
    if (deleteOnClose != null) {
      TempFiles.delete(deleteOnClose);
    }
  }
}
