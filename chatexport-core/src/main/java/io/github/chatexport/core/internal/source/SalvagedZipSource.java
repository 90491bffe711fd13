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
final class SalvagedZipSource extends BaseSource {
  private final Path path;
  private final ArchiveLimits limits;
  private final Map<String, Found> entries;
  private final @Nullable Path deleteOnClose;

  /** An entry's local header: where it starts, its size (-1 if unknown) and its stored name. */
  private record Found(long offset, long size, String rawName) {}

  /** Scans the archive at {@code path}; damage found is reported to {@code warnings}. */
  SalvagedZipSource(
      Path path,
      String file,
      ArchiveLimits limits,
      Consumer<Warning> warnings,
      @Nullable Path deleteOnClose)
      throws IOException {
    super(Kind.SALVAGED_ZIP, file);
    this.path = path;
    this.limits = limits;
    this.deleteOnClose = deleteOnClose;
    EntryTable<Found> table = new EntryTable<>();
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
        table.add(e.name(), new Found(e.offset(), e.size(), e.name()));
      }
    }
    entries = table.sorted();
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
  public List<String> entries() {
    return List.copyOf(entries.keySet());
  }

  @Override
  public long size(String entry) {
    Found found = entries.get(entry);
    return found == null ? -1 : found.size();
  }

  @Override
  public InputStream open(String entry) throws IOException {
    Found found = entries.get(entry);
    if (found == null) {
      throw noEntry(entry, file());
    }
    long offset = found.offset();
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
    Found found = entries.get(entry);
    return found == null ? entry : found.rawName();
  }

  @Override
  public void close() {
    if (deleteOnClose != null) {
      TempFiles.delete(deleteOnClose);
    }
  }
}
