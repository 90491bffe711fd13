package io.github.chatexport.core.internal.source;

import io.github.chatexport.api.Warning;
import io.github.chatexport.core.internal.zip.ArchiveLimits;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * The files of an export, wherever they are: a ZIP, a folder, a single JSON file or a stream. The
 * sources themselves are made by this interface's static methods and told apart by {@link #kind()};
 * their classes are this package's own.
 */
public interface ExportSource extends Closeable {

  /** What a source reads. */
  enum Kind {
    /** A ZIP read in place through its central directory. */
    ZIP,
    /** A ZIP read from its local headers (its central directory missing or damaged). */
    SALVAGED_ZIP,
    /** A ZIP whose content is one or more export ZIPs, seen as one export. */
    NESTED_ZIP,
    /** An extracted export: a folder. */
    DIRECTORY,
    /** One conversations JSON file, or a lone {@code chat.html}. */
    SINGLE_FILE,
    /** A conversations JSON file given as a stream, read once. */
    STREAM
  }

  /** What this source reads. */
  Kind kind();

  /** The file opened, as the caller named it: used in locations. */
  String file();

  /**
   * The entries, with {@code /} separators, relative to the export's root, in a stable order.
   * Unsafe names ({@code ..}, absolute, drive letters) and macOS resource entries are never listed.
   */
  List<String> entries();

  /** The size of an entry in bytes, or -1 when unknown. */
  long size(String entry);

  /**
   * What stands for an entry's bytes without reading them, or null when this source keeps nothing
   * that does (see {@code ExportReader.fileStamp}).
   */
  default @Nullable String stamp(String entry) {
    return null;
  }

  /** Opens an entry for reading; the caller closes the stream. */
  InputStream open(String entry) throws IOException;

  /**
   * The name of an entry as locations show it: null for a single JSON file or stream (the file says
   * it all), else the entry name.
   */
  @Nullable String locationEntry(String entry);

  /** Whether {@link #open} may be called more than once per entry. */
  default boolean rereadable() {
    return true;
  }

  /**
   * Releases the source and deletes its temporary files. Throws nothing: a failure to clean up is
   * logged ({@link TempFiles}), since nothing was written that a failure could lose.
   */
  @Override
  void close();

  /** The files under the folder {@code root} (symbolic links are not followed). */
  static ExportSource directory(Path root, String file) throws IOException {
    return new DirectorySource(root, file);
  }

  /**
   * The file at {@code path}, listed as the entry {@code name} (its own name when null): a
   * conversations JSON file, or a lone {@code chat.html}.
   */
  static ExportSource singleFile(Path path, String file, @Nullable String name) {
    return new SingleFileSource(path, file, name);
  }

  /**
   * The stream {@code in}, a conversations JSON file named {@code file} in locations, read once.
   */
  static ExportSource stream(InputStream in, String file) {
    return new StreamSource(in, file);
  }

  /**
   * The ZIP at {@code path}, read in place through its central directory; {@code deleteOnClose} (if
   * not null) is deleted on close.
   *
   * @throws ZipException if the central directory is missing or damaged
   */
  static ExportSource zip(
      Path path, String file, @Nullable Path deleteOnClose, ArchiveLimits limits)
      throws IOException {
    return new ZipSource(path, file, deleteOnClose, limits);
  }

  /**
   * The ZIP at {@code path}, salvaged from its local headers; the damage found is reported to
   * {@code warnings}; {@code deleteOnClose} (if not null) is deleted on close.
   */
  static ExportSource salvagedZip(
      Path path,
      String file,
      ArchiveLimits limits,
      Consumer<Warning> warnings,
      @Nullable Path deleteOnClose)
      throws IOException {
    return new SalvagedZipSource(path, file, limits, warnings, deleteOnClose);
  }

  /** The ZIP entries of {@code source} that may be export archives. */
  static List<String> innerArchives(ExportSource source) {
    return NestedSource.innerArchives(source);
  }

  /**
   * The inner archives {@code archives} of {@code outer}, seen as one export; on failure, closes
   * what it opened.
   */
  static ExportSource nested(ExportSource outer, List<String> archives, ArchiveLimits limits)
      throws IOException {
    return NestedSource.open(outer, archives, limits);
  }

  /**
   * A new temporary file that only its owner may read (where the file system has POSIX
   * permissions): for a private copy of a stream.
   */
  static Path privateTempFile() throws IOException {
    return NestedSource.privateTempFile();
  }

  /**
   * Deletes the temporary file {@code file} if it exists; a failure is logged ({@link TempFiles}),
   * never thrown.
   *
   * @return whether the file is gone
   */
  static boolean deleteTempFile(Path file) {
    return TempFiles.delete(file);
  }
}
