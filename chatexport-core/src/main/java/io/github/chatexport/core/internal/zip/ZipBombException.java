package io.github.chatexport.core.internal.zip;

import static java.util.Objects.requireNonNull;

/** An entry inflates to more bytes than {@link ArchiveLimits} allow: most likely a ZIP bomb. */
final class ZipBombException extends ArchiveException {
  private static final long serialVersionUID = 1L;

  /**
   * @serial the limit that was exceeded, in bytes
   */
  private final long limit;

  ZipBombException(String entry, long limit, long compressedBytes, ArchiveLimits limits) {
    super(
        "entry "
            + quoted(requireNonNull(entry, "entry"))
            + " inflates to more than "
            + limit
            + " bytes from "
            + (compressedBytes < 0 ? "an unknown number of" : String.valueOf(compressedBytes))
            + " compressed bytes (limits: ratio "
            + limits.maxRatio()
            + ", minimum "
            + limits.minimumBytes()
            + " bytes, maximum "
            + limits.maxEntryBytes()
            + " bytes); refusing it as a likely ZIP bomb",
        entry,
        limit,
        null);
    this.limit = limit;
  }

  /** The limit that was exceeded, in uncompressed bytes. */
  long limit() {
    return limit;
  }
}
