package io.github.chatexport.archive;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/** An export the archive refuses, or an archive file that cannot be used. Nothing was changed. */
public final class ArchiveException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** The export is damaged or incomplete; add it as partial to keep what it holds. */
    INCOMPLETE,
    /** The export is of another account than the archive's. */
    OTHER_ACCOUNT,
    /** The file is not an archive, or one written by a newer version. */
    NOT_AN_ARCHIVE,
    /** The archive could not be read or written. */
    STORAGE
  }

  private final Reason reason;

  /** An exception for {@code reason}. */
  public ArchiveException(Reason reason, String message, @Nullable Throwable cause) {
    super(requireNonNull(message, "message"), cause);
    this.reason = requireNonNull(reason, "reason");
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }
}
