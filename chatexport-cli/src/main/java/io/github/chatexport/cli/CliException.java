package io.github.chatexport.cli;

/** A failure the command explains in one line, with the exit status it ends with. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @serial the exit status
   */
  private final int exitCode;

  CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
