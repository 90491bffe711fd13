package io.github.chatexport.core.internal.source;

import io.github.chatexport.core.internal.zip.ArchiveLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * An export as downloaded: a ZIP file, read in place (entries are streamed, never extracted). Entry
 * names that could point outside the archive are never listed.
 */
final class ZipSource extends BaseSource {
  private final ZipFile zip;
  private final Map<String, ZipEntry> entries;
  private final @Nullable Path deleteOnClose;
  private final ArchiveLimits limits;

  /**
   * Opens the ZIP at {@code path}; {@code deleteOnClose} is a private temporary copy to delete, or
   * null.
   */
  ZipSource(Path path, String file, @Nullable Path deleteOnClose, ArchiveLimits limits)
      throws IOException {
    super(Kind.ZIP, file);
    this.zip = new ZipFile(path.toFile());
    this.limits = limits;
    this.deleteOnClose = deleteOnClose;
    EntryTable<ZipEntry> table = new EntryTable<>();
    try {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry e = all.nextElement();
        if (e.isDirectory()) {
          continue;
        }
        table.add(e.getName(), e);
      }
    } catch (IllegalArgumentException e) {
      // ZipFile throws this for a name in the central directory that is not UTF-8: a damaged
      // directory, which
      // the caller salvages from the local headers.
      zip.close();
      ZipException damaged =
          new ZipException("an entry name in the central directory is not valid UTF-8");
      damaged.initCause(e);
      throw damaged;
    }
    entries = table.sorted();
  }

  @Override
  public List<String> entries() {
    return List.copyOf(entries.keySet());
  }

  @Override
  public long size(String entry) {
    ZipEntry e = entries.get(entry);
    return e == null ? -1 : e.getSize();
  }

  /** The entry's CRC-32 and size, from the central directory. */
  @Override
  public @Nullable String stamp(String entry) {
    ZipEntry e = entries.get(entry);
    if (e == null || e.getCrc() < 0 || e.getSize() < 0) {
      return null;
    }
    return "zip crc32 " + Long.toHexString(e.getCrc()) + " size " + e.getSize();
  }

  @Override
  public InputStream open(String entry) throws IOException {
    ZipEntry e = entries.get(entry);
    if (e == null) {
      throw noEntry(entry, file());
    }
    return limits.guard(zip.getInputStream(e), e.getName(), e.getCompressedSize());
  }

  @Override
  public @Nullable String locationEntry(String entry) {
    return entries.containsKey(entry) ? entries.get(entry).getName() : entry;
  }

  @Override
  public void close() {
    try {
      zip.close();
    } catch (IOException e) {
      // Nothing was written; closing a read-only archive has no outcome the caller could act on.
    } finally {
      if (deleteOnClose != null) {
        TempFiles.delete(deleteOnClose);
      }
    }
  }
}
