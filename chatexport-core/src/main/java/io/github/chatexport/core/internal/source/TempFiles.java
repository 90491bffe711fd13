package io.github.chatexport.core.internal.source;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Removes the reader's private temporary files (copies of a stream or of a nested archive). Cleanup
 * never throws: a file that cannot be deleted is logged through {@link System.Logger} at {@code
 * WARNING}, under the name {@value #LOGGER}, with the file's name (a temporary name, never the
 * export's content).
 */
final class TempFiles {
  /** The name of the logger that reports cleanup failures. */
  static final String LOGGER = "io.github.chatexport.core";

  private static final System.Logger LOG = System.getLogger(LOGGER);

  private TempFiles() {}

  /**
   * Deletes {@code file} if it exists; a failure is logged, never thrown.
   *
   * @return whether the file is gone
   */
  static boolean delete(Path file) {
    try {
      Files.deleteIfExists(file);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          () ->
              "could not delete the temporary copy "
                  + file
                  + " (a private copy of export"
                  + " data stays behind; delete it by hand): "
                  + e,
          e);
      return false;
    }
  }
}
