package io.github.chatexport.benchmarks;

import io.github.chatexport.core.ExportReader;
import io.github.chatexport.testdata.generator.Era;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one-shot comparison: in one run over one generated export, how fast each way of reading it
 * goes, as a ratio to jackson-core's bare tokenizer measured in the same run (so the ratios hold on
 * a noisy, shared machine), with MB/s and heap figures for context.
 *
 * <pre>
 * mvn -B -q -pl chatexport-benchmarks -am package -DskipTests
 * java -Xmx1g -cp "chatexport-benchmarks/target/classes:$(cat chatexport-benchmarks/target/classpath.txt)" \
 *     io.github.chatexport.benchmarks.Compare --size 200MB
 * </pre>
 *
 * <p>Options: {@code --size} (default 200MB; MB = 2^20 bytes), {@code --seed} (42), {@code --era}
 * (MIXED), {@code --warmup} rounds (2), {@code --rounds} measured (5), {@code --parallelism} for
 * passes 5 and c (the number of cores), {@code --cache} folder for the generated export
 * (chatexport-benchmarks/target/compare-cache), {@code --passes} to run only some passes (for
 * profiling: {@code --passes 3}).
 *
 * <p>Each round runs every pass once, in turn (the order rotates from round to round); before each
 * pass the heap is collected. A figure is the median over the measured rounds, a ratio the median
 * of the ratios within a round.
 *
 * <p>Pass c is the reference for pass 5: as many serial readers as pass 5 has threads, run at once,
 * each over the whole file. It is what the machine gives to parallel reading when nothing is cut,
 * handed over or put back in order, so {@code c / 3} bounds what {@code 5 / 3} can reach on this
 * machine.
 */
public final class Compare {
  private static final int LABEL = 68;

  private Compare() {}

  /** Runs the comparison; exits with 1 if a pass failed, 2 on bad arguments. */
  public static void main(String[] args) throws IOException {
    int status;
    try {
      status = run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("Compare: " + e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  /**
   * A pass: what it is, how to run it once, and how many times a run reads the file (1 but for pass
   * c).
   */
  private record Pass(String key, String label, Body body, int volume) {
    Pass(String key, String label, Body body) {
      this(key, label, body, 1);
    }
  }

  @FunctionalInterface
  private interface Body {
    long run() throws Exception;
  }

  /**
   * One measured run of a pass: {@code seconds} per file read (wall time / volume), {@code wall}
   * time.
   */
  private record Sample(double seconds, double wall, HeapWatch.Figures heap) {}

  static int run(String[] args, PrintStream out) throws IOException {
    Map<String, String> o = options(args);
    long size = Sizes.parse(o.getOrDefault("size", "200MB"));
    long seed = Long.parseLong(o.getOrDefault("seed", "42"));
    Era era = Era.valueOf(o.getOrDefault("era", "MIXED").toUpperCase(Locale.ROOT));
    int warmup = Integer.parseInt(o.getOrDefault("warmup", "2"));
    int rounds = Integer.parseInt(o.getOrDefault("rounds", "5"));
    int parallelism =
        Integer.parseInt(
            o.getOrDefault(
                "parallelism", Integer.toString(Runtime.getRuntime().availableProcessors())));
    Path cache = o.containsKey("cache") ? Path.of(o.get("cache")) : Inputs.defaultCache();
    if (rounds < 1 || warmup < 0) {
      throw new IllegalArgumentException("--rounds must be at least 1 and --warmup at least 0");
    }

    Inputs in = Inputs.prepare(cache, size, seed, era, true, out);
    long bytes = in.bytes();
    Path json = in.json();
    Path zip = in.zip();
    ExportReader.Builder serial = ExportReader.builder();
    ExportReader.@Nullable Builder parallel = parallel(serial, parallelism);

    List<Pass> passes = new ArrayList<>();
    passes.add(
        new Pass(
            "1",
            "floor: JsonParser, every token, getText/getDoubleValue/getLongValue",
            () -> {
              try (var s = Files.newInputStream(json)) {
                return Passes.floor(s);
              }
            }));
    passes.add(
        new Pass(
            "2",
            "databind: readTree per conversation + parent walk from current_node",
            () -> {
              try (var s = Files.newInputStream(json)) {
                return Passes.databind(s);
              }
            }));
    passes.add(
        new Pass(
            "3",
            "ExportReader: every conversation as records + activeBranch()",
            () -> Passes.reader(serial, json)));
    passes.add(
        new Pass(
            "w",
            "ExportReader + ExportWriter: read every conversation, write it back",
            () -> Passes.readWrite(serial, json)));
    passes.add(
        new Pass(
            "1z",
            "floor over the inflating ZIP entry stream",
            () -> Passes.inZip(zip, Passes::floor)));
    passes.add(
        new Pass(
            "4",
            "ExportReader from the ZIP, records + activeBranch()",
            () -> Passes.reader(serial, zip)));
    passes.add(
        new Pass(
            "i", "inflating alone, no parsing (context)", () -> Passes.inZip(zip, Passes::drain)));
    if (parallel != null) {
      passes.add(
          new Pass(
              "5",
              "ExportReader, parallelism(" + parallelism + ")",
              () -> Passes.reader(parallel, json)));
      passes.add(
          new Pass(
              "5z",
              "ExportReader from the ZIP, parallelism(" + parallelism + ")",
              () -> Passes.reader(parallel, zip)));
    }
    if (parallelism > 1) {
      passes.add(
          new Pass(
              "c",
              "ceiling: " + parallelism + " serial readers at once, each reads the whole file",
              () -> Passes.independent(serial, json, parallelism),
              parallelism));
    }

    out.printf(
        Locale.ROOT,
        "%nchatexport Compare: %.1f MB conversations.json, %,d conversations (%,d forked),"
            + " %,d nodes; seed %d, era %s; ZIP %.1f MB%n",
        Sizes.mb(bytes),
        in.conversations(),
        in.forked(),
        in.nodes(),
        seed,
        era,
        Sizes.mb(Files.size(zip)));
    out.println("machine: " + Machine.describe());
    out.printf(
        Locale.ROOT,
        "%d warmup + %d measured rounds; each round runs every pass once, after System.gc();"
            + " load average before: %s%n",
        warmup,
        rounds,
        Machine.load());

    if (o.containsKey("passes")) {
      List<String> only = Arrays.asList(o.get("passes").split(","));
      passes.removeIf(p -> !only.contains(p.key()));
    }
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    Map<String, Long> checksums = new LinkedHashMap<>();
    for (Pass p : passes) {
      samples.put(p.key(), new ArrayList<>());
    }
    try (HeapWatch watch = new HeapWatch()) {
      for (int round = 0; round < warmup + rounds; round++) {
        round(passes, round, warmup, rounds, bytes, watch, samples, failures, checksums, out);
      }
    }

    // The table: ratios first, then MB/s, heap and allocation.
    out.println();
    out.printf(
        Locale.ROOT,
        "%-3s %-" + LABEL + "s %-12s %-12s %-17s %5s %9s %9s %8s%n",
        "#",
        "pass",
        "ratio",
        "",
        "MB/s (min-max)",
        "cores",
        "peak heap",
        "after GC",
        "alloc");
    row(out, passes, samples, failures, bytes, "1", "1", null);
    row(out, passes, samples, failures, bytes, "2", "1", null);
    row(out, passes, samples, failures, bytes, "3", "1", "2");
    row(out, passes, samples, failures, bytes, "w", "3", "1");
    writerAlone(out, samples, bytes);
    row(out, passes, samples, failures, bytes, "1z", "1z", "1");
    row(out, passes, samples, failures, bytes, "4", "1z", "3");
    row(out, passes, samples, failures, bytes, "i", "1z", "1");
    if (parallel != null) {
      row(out, passes, samples, failures, bytes, "5", "3", "1");
      row(out, passes, samples, failures, bytes, "5z", "4", "1z");
      row(out, passes, samples, failures, bytes, "c", "3", "5");
    } else {
      out.printf(
          Locale.ROOT,
          "%-3s %s%n",
          "5",
          "parallel reading: not available (this build's ExportReader.Builder"
              + " has no parallelism(int)); no figure");
    }
    out.println("load average after: " + Machine.load());
    out.println();
    out.println(
        "ratio: MB/s of the pass / MB/s of the pass named in brackets, within each round (median);"
            + " MB = 2^20 bytes of JSON, uncompressed also for the ZIP");
    out.println(
        "c: what the machine gives to reading in parallel with no cutting, no handoff and no order to"
            + " keep (each reader has a whole file to itself; MB/s counts every reader's bytes, and its time per file is"
            + " compared); its ratio to 3 bounds what pass 5 can reach here, and its ratio to 5 is what pass 5 loses");
    out.println(
        "cores: CPU time of the whole process (reader, GC and JIT threads) / wall time; below the number"
            + " of threads that could run, the machine was busy with something else");
    out.println(
        "peak heap: the used heap sampled every 2 ms, garbage included (mostly the young generation's size);"
            + " after GC: the most left after a collection during the pass, an upper bound of what the pass holds"
            + " (promoted garbage counts until the old generation is collected; MemoryCheck -Xmx64m is the real test);"
            + " alloc: bytes allocated by the reading thread per byte of JSON (n/a with several threads)");
    for (Map.Entry<String, String> f : failures.entrySet()) {
      out.println("FAILED " + f.getKey() + ": " + f.getValue());
    }
    return failures.isEmpty() ? 0 : 1;
  }

  /**
   * The writer's own speed, from passes 3 (read) and w (read and write) of the same rounds: the
   * time of w less the time of 3 is the writing.
   */
  private static void writerAlone(PrintStream out, Map<String, List<Sample>> samples, long bytes) {
    List<Sample> read = samples.get("3");
    List<Sample> both = samples.get("w");
    if (read == null || both == null || read.isEmpty() || read.size() != both.size()) {
      return;
    }
    List<Double> ratios = new ArrayList<>();
    List<Double> speeds = new ArrayList<>();
    for (int i = 0; i < read.size(); i++) {
      double write = both.get(i).seconds() - read.get(i).seconds();
      if (write > 0) {
        ratios.add(read.get(i).seconds() / write);
        speeds.add(bytes / (double) (1 << 20) / write);
      }
    }
    if (ratios.isEmpty()) {
      return;
    }
    ratios.sort(null);
    speeds.sort(null);
    out.printf(
        Locale.ROOT,
        "    writer alone (w less 3, same rounds): %.2f x the reader (3), %.0f MB/s (median)%n",
        ratios.get(ratios.size() / 2),
        speeds.get(speeds.size() / 2));
  }

  /** Runs every pass once, starting with a different one each round. */
  private static void round(
      List<Pass> passes,
      int round,
      int warmup,
      int rounds,
      long bytes,
      HeapWatch watch,
      Map<String, List<Sample>> samples,
      Map<String, String> failures,
      Map<String, Long> checksums,
      PrintStream out) {
    boolean measured = round >= warmup;
    out.printf(
        Locale.ROOT,
        "%s %d/%d:",
        measured ? "round" : "warmup",
        measured ? round - warmup + 1 : round + 1,
        measured ? rounds : warmup);
    for (int k = 0; k < passes.size(); k++) {
      Pass p = passes.get((k + round) % passes.size());
      if (failures.containsKey(p.key())) {
        continue;
      }
      watch.begin();
      long start = System.nanoTime();
      long checksum;
      try {
        checksum = p.body().run();
      } catch (Exception | OutOfMemoryError e) {
        watch.end();
        failures.put(p.key(), e.toString());
        out.print(" " + p.key() + " FAILED");
        continue;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      HeapWatch.Figures heap = watch.end();
      Long before = checksums.putIfAbsent(p.key(), checksum);
      if (before != null && before != checksum) {
        failures.put(p.key(), "a different result from one run to the next");
      }
      if (measured) {
        Objects.requireNonNull(samples.get(p.key()), p.key())
            .add(new Sample(seconds / p.volume(), seconds, heap));
      }
      out.printf(Locale.ROOT, " %s %.0f", p.key(), Sizes.mb(bytes) * p.volume() / seconds);
    }
    out.println(" MB/s");
  }

  private static void row(
      PrintStream out,
      List<Pass> passes,
      Map<String, List<Sample>> samples,
      Map<String, String> failures,
      long bytes,
      String key,
      String reference,
      @Nullable String second) {
    Pass pass = passes.stream().filter(p -> p.key().equals(key)).findFirst().orElse(null);
    if (pass == null) {
      return;
    }
    if (failures.containsKey(key)) {
      out.printf(
          Locale.ROOT, "%-3s %-" + LABEL + "s FAILED: %s%n", key, pass.label(), failures.get(key));
      return;
    }
    List<Sample> mine = Objects.requireNonNull(samples.get(key), key);
    double[] mbps = mine.stream().mapToDouble(s -> Sizes.mb(bytes) / s.seconds()).toArray();
    String ratio = ratio(samples, failures, key, reference);
    String other = second == null ? "" : ratio(samples, failures, key, second);
    double[] sorted = mbps.clone();
    Arrays.sort(sorted);
    long peakUsed = mine.stream().mapToLong(s -> s.heap().peakUsed()).max().orElse(0);
    long peakLive = mine.stream().mapToLong(s -> s.heap().peakLive()).max().orElse(0);
    boolean anyGc = mine.stream().anyMatch(s -> s.heap().collections() > 0);
    double alloc =
        median(mine.stream().mapToDouble(s -> s.heap().allocated() / (double) bytes).toArray());
    double cores =
        median(mine.stream().mapToDouble(s -> s.heap().cpuNanos() / 1e9 / s.wall()).toArray());
    boolean threads = key.startsWith("5") || key.equals("c");
    out.printf(
        Locale.ROOT,
        "%-3s %-" + LABEL + "s %-12s %-12s %-17s %5.2f %9s %9s %8s%n",
        key,
        pass.label(),
        ratio,
        other,
        String.format(
            Locale.ROOT, "%4.0f (%.0f-%.0f)", median(mbps), sorted[0], sorted[sorted.length - 1]),
        cores,
        String.format(Locale.ROOT, "%.0f MB", Sizes.mb(peakUsed)),
        anyGc ? String.format(Locale.ROOT, "%.0f MB", Sizes.mb(peakLive)) : "no GC",
        threads ? "n/a" : String.format(Locale.ROOT, "%.1f B/B", alloc));
  }

  private static String ratio(
      Map<String, List<Sample>> samples,
      Map<String, String> failures,
      String key,
      String reference) {
    List<Sample> mine = Objects.requireNonNull(samples.get(key), key);
    List<Sample> theirs = samples.get(reference);
    if (failures.containsKey(reference) || theirs == null) {
      return "-";
    }
    double[] ratios = new double[Math.min(mine.size(), theirs.size())];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = theirs.get(i).seconds() / mine.get(i).seconds();
    }
    return String.format(Locale.ROOT, "%.2f x (%s)", median(ratios), reference);
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /**
   * The builder with {@code parallelism(n)} set, if this build of chatexport-core has that setting;
   * else null (pass 5 is then reported as not available rather than measured as something else).
   */
  static ExportReader.@Nullable Builder parallel(ExportReader.Builder builder, int n) {
    Method m;
    try {
      m = ExportReader.Builder.class.getMethod("parallelism", int.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
    try {
      return (ExportReader.Builder) m.invoke(builder, n);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("ExportReader.Builder.parallelism(" + n + ") failed", e);
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + a);
      }
      String name = a.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      o.put(name, value);
    }
    return o;
  }
}
