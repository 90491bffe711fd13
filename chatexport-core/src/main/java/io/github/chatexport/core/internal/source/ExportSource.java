package io.github.chatexport.core.internal.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The files of an export, wherever they are: a ZIP, a folder, a single JSON file or a stream. */
public interface ExportSource extends Closeable {

  /** The file opened, as the caller named it: used in locations. */
  String file();

  /**
   * The entries, with {@code /} separators, relative to the export's root, in a stable order.
   * Unsafe names ({@code ..}, absolute, drive letters) and macOS resource entries are never listed.
   */
  List<String> entries();

  /** The size of an entry in bytes, or -1 when unknown. */
  long size(String entry);

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
}
