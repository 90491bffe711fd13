package io.github.chatexport.cli;

import io.github.chatexport.archive.ArchiveException;
import io.github.chatexport.core.ChatExportException;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.function.LongSupplier;
import picocli.CommandLine;

/**
 * The {@code chatexport} command line: {@code java -jar chatexport-cli.jar COMMAND …}. Run it with
 * {@code --help} for the commands, or see the project's README.
 */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its status (see {@code chatexport --help}). */
  public static void main(String[] args) {
    // UTF-8 whatever the platform's default (JSON output must be UTF-8; Java 17's default may not
    // be).
    PrintWriter out =
        new PrintWriter(
            new BufferedWriter(
                new OutputStreamWriter(
                    new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
                1 << 16));
    PrintWriter err =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
            true);
    // System.console() is non-null only when the JVM runs in a terminal (Java 17 cannot ask about
    // stderr alone):
    // the progress bar is drawn only then.
    @SuppressWarnings(
        "SystemConsoleNull") // Java 17 is the target: there it is null without a terminal
    boolean terminal = System.console() != null;
    int status = commandLine(out, err, terminal, System::nanoTime).execute(args);
    out.flush();
    err.flush();
    System.exit(status);
  }

  /**
   * The command line, writing to {@code out} and {@code err}: what {@link #main} runs, and what
   * tests run in-process.
   *
   * @param terminal whether stderr is a terminal (then a progress bar is drawn, unless {@code
   *     --quiet})
   * @param clock nanoseconds, for the progress bar's rate
   */
  static CommandLine commandLine(
      PrintWriter out, PrintWriter err, boolean terminal, LongSupplier clock) {
    ChatExportCommand root = new ChatExportCommand(terminal, clock);
    CommandLine cl = new CommandLine(root);
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine cmd = ex.getCommandLine();
          PrintWriter e = cmd.getErr();
          e.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, e)) {
            e.println(
                "Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
          }
          e.flush();
          return ExitCodes.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> {
          cmd.getOut().flush();
          PrintWriter e = cmd.getErr();
          Failure failure = Failure.of(ex);
          e.println("chatexport: " + failure.message());
          if (root.debug) {
            ex.printStackTrace(e);
          } else if (failure.status() == ExitCodes.INTERNAL) {
            e.println("Run again with --debug for the stack trace, and please report it.");
          }
          e.flush();
          return failure.status();
        });
    return cl;
  }

  /** An exception as one line without a stack trace, and its exit status. */
  record Failure(String message, int status) {
    static Failure of(Throwable ex) {
      Throwable e =
          ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
      if (e instanceof CliException cli) {
        return new Failure(String.valueOf(cli.getMessage()), cli.exitCode());
      }
      if (e instanceof ChatExportException damaged) {
        // The library's message ends with the location: file (and entry), line, column, byte, JSON
        // path.
        return new Failure(String.valueOf(damaged.getMessage()), ExitCodes.DAMAGED);
      }
      if (e instanceof ArchiveException refused) {
        return new Failure(
            String.valueOf(refused.getMessage()),
            switch (refused.reason()) {
              case INCOMPLETE, NOT_AN_ARCHIVE -> ExitCodes.DAMAGED;
              case OTHER_ACCOUNT -> ExitCodes.USAGE;
              case STORAGE -> ExitCodes.IO;
            });
      }
      if (e instanceof NoSuchFileException f) {
        return new Failure("no such file or folder: " + f.getFile(), ExitCodes.IO);
      }
      if (e instanceof AccessDeniedException f) {
        return new Failure("permission denied: " + f.getFile(), ExitCodes.IO);
      }
      if (e instanceof FileAlreadyExistsException f) {
        return new Failure("is in the way: " + f.getFile(), ExitCodes.IO);
      }
      if (e instanceof NotDirectoryException f) {
        return new Failure("not a folder: " + f.getFile(), ExitCodes.IO);
      }
      if (e instanceof FileSystemException f) {
        return new Failure(String.valueOf(f.getMessage()), ExitCodes.IO);
      }
      if (e instanceof IOException io) {
        return new Failure("input/output error: " + io.getMessage(), ExitCodes.IO);
      }
      return new Failure("internal error: " + e, ExitCodes.INTERNAL);
    }
  }
}
