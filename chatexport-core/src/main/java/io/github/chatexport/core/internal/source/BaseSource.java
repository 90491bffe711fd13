package io.github.chatexport.core.internal.source;

import java.io.IOException;

/**
 * What every source shares: its kind, the file opened as the caller named it, the missing entry.
 */
abstract class BaseSource implements ExportSource {
  private final Kind kind;
  private final String file;

  BaseSource(Kind kind, String file) {
    this.kind = kind;
    this.file = file;
  }

  @Override
  public final Kind kind() {
    return kind;
  }

  @Override
  public final String file() {
    return file;
  }

  /** The failure to open {@code entry}, which {@code where} does not hold. */
  static IOException noEntry(String entry, Object where) {
    return new IOException("no entry " + entry + " in " + where);
  }
}
