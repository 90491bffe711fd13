package io.github.chatexport.core.internal.zip;

import org.jspecify.annotations.Nullable;

/**
 * Damaged or hostile input found by this package: names the entry (when known) and the byte offset,
 * never the content.
 */
public abstract sealed class ArchiveException extends java.io.IOException
    permits ZipDamageException, ZipBombException {
  private static final long serialVersionUID = 1L;

  /** The entry concerned, as stored in the archive, or null. */
  private final @Nullable String entry;

  /** The byte offset where the problem was found, or -1. */
  private final long offset;

  ArchiveException(String message, @Nullable String entry, long offset, @Nullable Throwable cause) {
    super(message, cause);
    this.entry = entry;
    this.offset = offset;
  }

  /** The entry concerned, as stored in the archive (not normalized), or null when not known. */
  public @Nullable String entry() {
    return entry;
  }

  /**
   * The byte offset where the problem was found: from the start of the archive for ZIP damage, from
   * the start of the entry's uncompressed data for a ZIP bomb; -1 if unknown.
   */
  public long offset() {
    return offset;
  }

  /**
   * Whether the archive itself is damaged (cut short, corrupt, an entry that cannot be decoded),
   * rather than an entry inflating beyond the limits.
   */
  public boolean isDamage() {
    return this instanceof ZipDamageException;
  }

  static String quoted(@Nullable String entry) {
    if (entry == null) {
      return "an unnamed entry";
    }
    StringBuilder out = new StringBuilder(entry.length() + 2).append('\'');
    entry
        .codePoints()
        .limit(200)
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    if (entry.codePointCount(0, entry.length()) > 200) {
      out.append("...");
    }
    return out.append('\'').toString();
  }
}
