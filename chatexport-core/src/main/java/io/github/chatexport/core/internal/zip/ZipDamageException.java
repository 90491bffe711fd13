package io.github.chatexport.core.internal.zip;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A ZIP archive is damaged: cut short, corrupt, or holding an entry this reader cannot decode.
 * Thrown after every earlier entry was delivered intact.
 */
final class ZipDamageException extends ArchiveException {
  private static final long serialVersionUID = 1L;

  /** What kind of damage. */
  enum Reason {
    /** The archive ends inside an entry or header: an interrupted download. */
    TRUNCATED,
    /** A header is not where it should be or is inconsistent. */
    BAD_HEADER,
    /** The compressed data cannot be decoded, or its sizes disagree with the header. */
    BAD_DATA,
    /** The data does not match its CRC-32. */
    CRC_MISMATCH,
    /** The entry is encrypted. */
    ENCRYPTED,
    /** The entry uses a compression method other than stored (0) or deflated (8). */
    UNSUPPORTED_METHOD
  }

  /**
   * @serial what kind of damage
   */
  private final Reason reason;

  ZipDamageException(
      Reason reason,
      String problem,
      @Nullable String entry,
      long offset,
      @Nullable Throwable cause) {
    super(describe(problem, entry, offset), entry, offset, cause);
    this.reason = requireNonNull(reason, "reason");
  }

  /** What kind of damage. */
  Reason reason() {
    return reason;
  }

  private static String describe(String problem, @Nullable String entry, long offset) {
    String where = entry == null ? "" : " in entry " + quoted(entry);
    return "damaged ZIP archive: " + problem + where + " at byte offset " + offset;
  }
}
