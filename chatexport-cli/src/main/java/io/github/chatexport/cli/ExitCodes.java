package io.github.chatexport.cli;

/** The exit statuses of every command; listed in each command's help. */
final class ExitCodes {
  /** Done; for verify: the export is clean. */
  static final int OK = 0;

  /** verify only: the export reads, with warnings. */
  static final int WARNINGS = 1;

  /** The input is not an export, or is damaged (the message gives the library's location). */
  static final int DAMAGED = 2;

  /** show: no conversation, or more than one, matches. */
  static final int NOT_FOUND = 3;

  /** A file could not be read or written. */
  static final int IO = 4;

  /** Bad arguments. */
  static final int USAGE = 64;

  /** A bug: an unexpected exception. */
  static final int INTERNAL = 70;

  // The lines of the help's "Exit status" list (picocli splits them at the first colon).
  static final String LIST_OK = "0:done (verify: the export is clean)";
  static final String LIST_WARNINGS = "1:verify: the export reads, with warnings";
  static final String LIST_DAMAGED =
      "2:the input is not an export, or is damaged (the message says where)";
  static final String LIST_NOT_FOUND = "3:show: no conversation, or more than one, matches";
  static final String LIST_IO = "4:a file could not be read or written";
  static final String LIST_USAGE = "64:bad arguments";
  static final String LIST_INTERNAL =
      "70:internal error (a bug: please report it, with --debug output)";

  private ExitCodes() {}
}
