package io.github.chatexport.benchmarks;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ChatExportException;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.testdata.HostileShapes;
import io.github.chatexport.testdata.HostileShapes.Shape;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The cost of every odd or hostile input shape ({@link HostileShapes}) at growing sizes: for each
 * shape and each way of reading it (serial, {@code parallelism(2)}, from a ZIP, from chat.html),
 * the time to read it whole (records, active branch, every warning) at sizes n, 2n, 4n and 8n, and
 * the cost per unit (node, conversation, child, character) as a ratio to the smallest size's in the
 * same run. A linear reader keeps that ratio near 1 (JIT warm-up aside); a quadratic one doubles it
 * at each step.
 *
 * <pre>
 * mvn -B -q -pl chatexport-benchmarks -am package -DskipTests
 * java -Xmx1g -cp "chatexport-benchmarks/target/classes:$(cat chatexport-benchmarks/target/classpath.txt)" \
 *     io.github.chatexport.benchmarks.HostileShapesBenchmark
 * </pre>
 *
 * <p>Options: {@code --base n} (10000: the smallest size), {@code --steps k} (4), {@code --rounds
 * r} (3: the best of r reads is kept), {@code --warmup w} (3 reads of the smallest size first),
 * {@code --shape NAME} (all), {@code --mode serial|parallel|zip|html} (all). Exit status 1 when
 * some per-unit ratio exceeds {@code --limit} (3.0).
 */
public final class HostileShapesBenchmark {
  private HostileShapesBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws IOException {
    Map<String, String> o = Compare.options(args);
    int base = Integer.parseInt(o.getOrDefault("base", "10000"));
    int steps = Integer.parseInt(o.getOrDefault("steps", "4"));
    int rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "3"));
    double limit = Double.parseDouble(o.getOrDefault("limit", "3.0"));
    List<Shape> shapes =
        o.containsKey("shape")
            ? List.of(Shape.valueOf(o.get("shape").toUpperCase(Locale.ROOT).replace('-', '_')))
            : List.of(Shape.values());
    List<String> modes =
        o.containsKey("mode")
            ? List.of(o.get("mode"))
            : List.of("serial", "parallel", "zip", "html");
    Path dir = Files.createTempDirectory("hostile-shapes");
    int status = 0;
    try {
      out.printf(
          Locale.ROOT,
          "%-22s %-8s %9s %10s %9s %11s %7s%n",
          "shape",
          "mode",
          "n",
          "bytes",
          "ms",
          "ns/unit",
          "ratio");
      for (Shape shape : shapes) {
        for (String mode : modes) {
          double first = 0;
          // Warm-up: the smallest size, read and thrown away, so that the first figure is not the
          // JIT's.
          Path warm = write(dir, mode, HostileShapes.conversations(shape, base));
          for (int w = 0; w < warmup; w++) {
            time(warm, mode);
          }
          for (int step = 0; step < steps; step++) {
            int n = base << step;
            byte[] json = HostileShapes.conversations(shape, n);
            Path input = write(dir, mode, json);
            long best = Long.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
              best = Math.min(best, time(input, mode));
            }
            double perUnit = (double) best / n;
            if (step == 0) {
              first = perUnit;
            }
            double ratio = perUnit / first;
            if (ratio > limit) {
              status = 1;
            }
            out.printf(
                Locale.ROOT,
                "%-22s %-8s %,9d %,10d %9.1f %,11.0f %7.2f%n",
                shape.label(),
                mode,
                n,
                Files.size(Files.isDirectory(input) ? input.resolve("chat.html") : input),
                best / 1e6,
                perUnit,
                ratio);
          }
        }
      }
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
    return status;
  }

  private static Path write(Path dir, String mode, byte[] json) throws IOException {
    return switch (mode) {
      case "zip" -> Files.write(dir.resolve("export.zip"), HostileShapes.zip(json));
      case "html" -> {
        Path html = Files.createDirectories(dir.resolve("html"));
        Files.write(html.resolve("chat.html"), HostileShapes.chatHtml(json));
        yield html;
      }
      case "serial", "parallel" -> Files.write(dir.resolve("conversations.json"), json);
      default ->
          throw new IllegalArgumentException("--mode: serial, parallel, zip or html, not " + mode);
    };
  }

  /** Reads {@code input} whole and returns the nanoseconds it took. */
  static long time(Path input, String mode) throws IOException {
    ExportReader.Builder builder =
        mode.equals("parallel") ? ExportReader.builder().parallelism(2) : ExportReader.builder();
    long start = System.nanoTime();
    long sink = 0;
    try (ExportReader export = builder.open(input);
        Stream<Conversation> all = export.conversations()) {
      for (Conversation c : (Iterable<Conversation>) all::iterator) {
        sink += c.activeBranch().messages().size() + c.warnings().size() + c.nodes().size();
      }
    } catch (ChatExportException e) {
      sink += String.valueOf(e.getMessage()).length();
    }
    long took = System.nanoTime() - start;
    return sink == Long.MIN_VALUE
        ? 0
        : took; // the sink is used, so that the work is not optimized away
  }
}
