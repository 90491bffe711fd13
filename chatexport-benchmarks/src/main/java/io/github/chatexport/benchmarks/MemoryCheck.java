package io.github.chatexport.benchmarks;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.testdata.generator.Era;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a generated export completely, every conversation as records with its active branch, in
 * whatever heap the JVM was given: meant to be run with {@code -Xmx64m} to show that memory is
 * bounded by one conversation, not by the file.
 *
 * <pre>
 * mvn -B -q -pl chatexport-benchmarks -am package -DskipTests
 * java -Xmx64m -cp "chatexport-benchmarks/target/classes:$(cat chatexport-benchmarks/target/classpath.txt)" \
 *     io.github.chatexport.benchmarks.MemoryCheck --size 1GB
 * </pre>
 *
 * <p>Options: {@code --size} (default 1GB), {@code --seed} (42), {@code --era} (MIXED), {@code
 * --zip true} (read the export zipped instead), {@code --parallelism n} (parallel reading, if this
 * build has it), {@code --cache} (as for {@link Compare}). The export is generated in the same
 * small heap the first time (the generator streams too), then reused. Exit status 0 when the whole
 * export was read, 1 when the heap ran out or the read failed.
 */
public final class MemoryCheck {
  private MemoryCheck() {}

  /** Runs the check and exits with its status. */
  public static void main(String[] args) throws IOException {
    int status;
    try {
      status = run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("MemoryCheck: " + e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  static int run(String[] args, PrintStream out) throws IOException {
    Map<String, String> o = Compare.options(args);
    long size = Sizes.parse(o.getOrDefault("size", "1GB"));
    long seed = Long.parseLong(o.getOrDefault("seed", "42"));
    Era era = Era.valueOf(o.getOrDefault("era", "MIXED").toUpperCase(Locale.ROOT));
    boolean zipped = Boolean.parseBoolean(o.getOrDefault("zip", "false"));
    Path cache = o.containsKey("cache") ? Path.of(o.get("cache")) : Inputs.defaultCache();
    int parallelism = Integer.parseInt(o.getOrDefault("parallelism", "1"));
    ExportReader.Builder builder = ExportReader.builder();
    if (parallelism > 1) {
      ExportReader.@Nullable Builder parallel = Compare.parallel(builder, parallelism);
      if (parallel == null) {
        throw new IllegalArgumentException(
            "--parallelism: this build's ExportReader.Builder has no parallelism(int)");
      }
      builder = parallel;
    }
    long maxHeap = Runtime.getRuntime().maxMemory();

    out.println("machine: " + Machine.describe());
    if (maxHeap > 96L << 20) {
      out.printf(
          Locale.ROOT,
          "note: the heap may grow to %.0f MB; run with -Xmx64m to check the bound%n",
          Sizes.mb(maxHeap));
    }
    Inputs in = Inputs.prepare(cache, size, seed, era, zipped, out);
    Path export = zipped ? in.zip() : in.json();

    try (HeapWatch watch = new HeapWatch()) {
      return read(builder, parallelism, in, export, zipped, maxHeap, watch, out);
    }
  }

  private static int read(
      ExportReader.Builder builder,
      int parallelism,
      Inputs in,
      Path export,
      boolean zipped,
      long maxHeap,
      HeapWatch watch,
      PrintStream out)
      throws IOException {
    long bytes = in.bytes();
    watch.begin();
    long start = System.nanoTime();
    int conversations = 0;
    long nodes = 0;
    long activeMessages = 0;
    int largest = 0;
    try (ExportReader reader = builder.open(export)) {
      for (Conversation c : reader) {
        conversations++;
        nodes += c.nodes().size();
        largest = Math.max(largest, c.nodes().size());
        activeMessages += c.activeBranch().messages().size();
      }
    } catch (OutOfMemoryError e) {
      watch.end();
      out.printf(
          Locale.ROOT,
          "FAILED: out of memory after %,d conversations (max heap %.0f MB)%n",
          conversations,
          Sizes.mb(maxHeap));
      return 1;
    } catch (RuntimeException e) {
      watch.end();
      out.printf(Locale.ROOT, "FAILED after %,d conversations: %s%n", conversations, e);
      return 1;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    HeapWatch.Figures heap = watch.end();
    boolean complete = conversations == in.conversations() && nodes == in.nodes();
    out.printf(
        Locale.ROOT,
        "read %s%s%s: %.1f MB of JSON, %,d conversations, %,d nodes (largest %,d),"
            + " %,d messages on active branches, in %.1f s (%.0f MB/s)%n",
        Files.exists(export) ? export.getFileName() : export,
        zipped ? " (zipped)" : "",
        parallelism > 1 ? " with parallelism(" + parallelism + ")" : "",
        Sizes.mb(bytes),
        conversations,
        nodes,
        largest,
        activeMessages,
        seconds,
        Sizes.mb(bytes) / seconds);
    out.println(heap.heapLine(maxHeap));
    if (!complete) {
      out.printf(
          Locale.ROOT,
          "FAILED: expected %,d conversations and %,d nodes%n",
          in.conversations(),
          in.nodes());
      return 1;
    }
    out.println("OK: the whole export was read");
    return 0;
  }
}
