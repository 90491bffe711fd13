package io.github.chatexport.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Runs the CLI in-process, as {@code main} would, with stdout and stderr captured. */
final class Cli {
  /**
   * The files of the sample export that ships in chatexport-testdata (resources, not a Fixture).
   */
  static final List<String> SAMPLE_FILES =
      List.of(
          "conversations.json",
          "user.json",
          "file-Ch5Wn1Xq7Rt3Lm9Kd2Vs8Fb-chart.png",
          "file-Lh8Pq2Zx5Wc9Rb4Nt7Ym3Kd-lighthouse.png",
          "file-Tm4Rq8Wz2Lx6Nc9Vb3Hs7Jk-tram-map.pdf");

  private Cli() {}

  /** What a run printed and its exit status. */
  record Result(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  /** Runs with stderr not a terminal (no progress bar), as in a pipe or CI. */
  static Result run(Object... args) {
    return run(false, args);
  }

  /** Runs as if stderr were a terminal; the clock advances one second per reading. */
  static Result runInTerminal(Object... args) {
    return run(true, args);
  }

  private static Result run(boolean terminal, Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicLong clock = new AtomicLong();
    String[] strings = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      strings[i] = args[i].toString();
    }
    int status;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      status =
          Main.commandLine(o, e, terminal, () -> clock.addAndGet(1_000_000_000L)).execute(strings);
    }
    return new Result(status, out.toString(), err.toString());
  }

  /** Copies the sample export into {@code dir}/sample and returns that folder. */
  static Path sample(Path dir) throws IOException {
    Path target = dir.resolve("sample");
    Files.createDirectories(target);
    for (String file : SAMPLE_FILES) {
      try (InputStream in =
          Cli.class.getResourceAsStream("/io/github/chatexport/testdata/sample/" + file)) {
        if (in == null) {
          throw new IOException("the sample export lacks " + file);
        }
        Files.copy(in, target.resolve(file));
      }
    }
    return target;
  }
}
