package io.github.chatexport.core.internal.source;

import static java.util.Objects.requireNonNull;

import io.github.chatexport.core.internal.zip.ArchiveLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An archive whose content is one or more export ZIPs (the Privacy Portal form: {@code
 * …/Conversations_…-chatgpt-0001.zip}, {@code Files_…zip}): the entries of the inner archives, seen
 * as one export. Each inner archive is copied to a private temporary file (so that it can be read
 * in place), deleted on close; the outer source is closed too.
 */
final class NestedSource extends BaseSource {
  private final ExportSource outer;
  private final List<ZipSource> inner = new ArrayList<>();
  private final Map<String, ZipSource> owner = new LinkedHashMap<>();
  private final Map<String, String> archiveOf = new LinkedHashMap<>();

  private NestedSource(ExportSource outer) {
    super(Kind.NESTED_ZIP, outer.file());
    this.outer = outer;
  }

  /** The ZIP entries of {@code source} that may be export archives. */
  static List<String> innerArchives(ExportSource source) {
    List<String> out = new ArrayList<>();
    for (String entry : source.entries()) {
      if (entry.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
        out.add(entry);
      }
    }
    return out;
  }

  /**
   * Opens the inner archives {@code archives} of {@code outer}; on failure, closes what it opened.
   */
  static NestedSource open(ExportSource outer, List<String> archives, ArchiveLimits limits)
      throws IOException {
    NestedSource nested = new NestedSource(outer);
    try {
      for (String archive : archives) {
        Path copy = privateTempFile();
        try (InputStream in = outer.open(archive)) {
          Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
          TempFiles.delete(copy);
          throw e;
        }
        ZipSource zip;
        try {
          zip = new ZipSource(copy, outer.file(), copy, limits);
        } catch (IOException | RuntimeException e) {
          TempFiles.delete(copy);
          throw e;
        }
        nested.inner.add(zip);
        for (String entry : zip.entries()) {
          if (!nested.owner.containsKey(entry)) {
            nested.owner.put(entry, zip);
            nested.archiveOf.put(entry, archive);
          }
        }
      }
      return nested;
    } catch (IOException | RuntimeException e) {
      nested.close();
      throw e;
    }
  }

  /**
   * A new temporary file that only its owner may read (where the file system has POSIX
   * permissions).
   */
  static Path privateTempFile() throws IOException {
    try {
      return Files.createTempFile(
          "chatexport-",
          ".zip",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      return Files.createTempFile("chatexport-", ".zip");
    }
  }

  @Override
  public List<String> entries() {
    return List.copyOf(owner.keySet());
  }

  @Override
  public long size(String entry) {
    ZipSource zip = owner.get(entry);
    return zip == null ? -1 : zip.size(entry);
  }

  @Override
  public @Nullable String stamp(String entry) {
    ZipSource zip = owner.get(entry);
    return zip == null ? null : zip.stamp(entry);
  }

  @Override
  public InputStream open(String entry) throws IOException {
    ZipSource zip = owner.get(entry);
    if (zip == null) {
      throw noEntry(entry, file());
    }
    return zip.open(entry);
  }

  @Override
  public @Nullable String locationEntry(String entry) {
    String archive = archiveOf.get(entry);
    return archive == null
        ? entry
        : archive
            + "!/"
            + requireNonNull(owner.get(entry), "an entry of an inner archive").locationEntry(entry);
  }

  @Override
  public void close() {
    // each close throws nothing (a temporary copy that cannot be deleted is logged), so every one
    // runs
    for (ZipSource zip : inner) {
      zip.close();
    }
    outer.close();
  }
}
