package io.github.chatexport.cli;

import io.github.chatexport.core.ExportReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every command that reads an export shares: the EXPORT parameter, the streams, the progress
 * bar.
 */
abstract class ExportCommand implements Callable<Integer> {
  /** Set by picocli before {@link #call()}. */
  @ParentCommand ChatExportCommand root = new ChatExportCommand(false, System::nanoTime);

  /** Set by picocli before {@link #call()}. */
  @Spec CommandSpec spec = CommandSpec.create();

  @CommandLine.Parameters(
      index = "0",
      paramLabel = "EXPORT",
      description =
          "The export: the ZIP as downloaded, the extracted folder, or a conversations JSON file;"
              + " or an archive made by 'chatexport archive add', whose merged view is read.")
  Path export = Path.of("");

  final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  final PrintWriter err() {
    return spec.commandLine().getErr();
  }

  final ZoneId zone() {
    return root.zone();
  }

  /** Opens the export; a path that does not exist is a usage error. */
  final ExportReader open() throws IOException {
    checkInput();
    return ExportReader.builder().parallelism(root.threads).open(export);
  }

  /**
   * Opens the export, or an archive's merged view (with the archive's facts per conversation); a
   * path that does not exist is a usage error.
   *
   * @param assets whether the command reads asset files (an archive then copies them out)
   */
  final Input input(boolean assets) throws IOException {
    checkInput();
    return Input.open(export, root.threads, assets);
  }

  private void checkInput() {
    if (!Files.exists(export)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "EXPORT: no such file or folder: " + export);
    }
    if (root.threads < 1) {
      throw usage("--threads must be 1 or more: " + root.threads);
    }
  }

  /** A progress bar on stderr when it is a terminal and {@code --quiet} is off. */
  final Progress progress() {
    return new Progress(err(), root.terminal && !root.quiet, root.clock);
  }

  /** A note on stderr, unless {@code --quiet}. */
  final void note(String line) {
    if (!root.quiet) {
      err().println(line);
      err().flush();
    }
  }

  /** Fails with a usage error. */
  final CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
