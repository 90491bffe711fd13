package io.github.chatexport.benchmarks;

import io.github.chatexport.api.Conversation;
import io.github.chatexport.api.Message;
import io.github.chatexport.api.MessageNode;
import io.github.chatexport.archive.ChatArchive;
import io.github.chatexport.archive.ImportReport;
import io.github.chatexport.core.ExportReader;
import io.github.chatexport.core.ExportWriter;
import io.github.chatexport.testdata.generator.Era;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The archive (chatexport-archive) against the reader alone, in one run, as ratios.
 *
 * <pre>
 * mvn -B -q -pl chatexport-benchmarks -am package -DskipTests
 * java -Xmx1g -cp "chatexport-benchmarks/target/classes:$(cat chatexport-benchmarks/target/classpath.txt)" \
 *     io.github.chatexport.benchmarks.ArchiveBench --size 50MB --rounds 3
 * java -Xmx256m -cp "…" io.github.chatexport.benchmarks.ArchiveBench --size 1GB --memory true
 * java -Xmx256m -cp "…" io.github.chatexport.benchmarks.ArchiveBench --size 1GB --memory true --again true
 * </pre>
 *
 * <p>A growing account's twelve monthly exports are made from one generated export (seeded, as
 * {@link Compare}'s): month k holds the first k/12 of its conversations, and every month retitles
 * about 5% of those it already had, adds a message to about 10%, leaves out about 1% for that month
 * only, and from month 7 drops about 1% for good. Measured, each round: reading month 12 with
 * {@link ExportReader} (every conversation as records); adding it to an empty archive; adding it to
 * an archive that holds months 1 to 11 (most of it shared); and adding month 12 as downloaded again
 * a week later (about 2% of its conversations one message longer) to the archive of months 1 to 12,
 * against reading that export; and the same as ZIPs with assets (five times month 12's JSON, the
 * same random bytes in both) to the archive that also holds month 12's ZIP, against reading that
 * ZIP. Then the archive's size after months 1, 2 and 12 against the size of month 12. With {@code
 * --memory true} it only adds the whole generated export to an empty archive in the heap it is
 * given (run with {@code -Xmx256m}); with {@code --again true} as well, it then adds that export as
 * downloaded again a week later on top (see {@link #memoryAgain}).
 */
public final class ArchiveBench {
  private static final int MONTHS = 12;
  private static final Duration MONTH = Duration.ofDays(30);

  /** Bytes of assets in pass z's ZIPs for each byte of month 12's JSON. */
  private static final long ASSETS_PER_JSON_BYTE = 5;

  private ArchiveBench() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws IOException {
    int status;
    try {
      status = run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("ArchiveBench: " + e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  static int run(String[] args, PrintStream out) throws IOException {
    Map<String, String> o = Compare.options(args);
    long size = Sizes.parse(o.getOrDefault("size", "50MB"));
    long seed = Long.parseLong(o.getOrDefault("seed", "42"));
    int rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
    boolean memory = Boolean.parseBoolean(o.getOrDefault("memory", "false"));
    boolean again = Boolean.parseBoolean(o.getOrDefault("again", "false"));
    Path cache = o.containsKey("cache") ? Path.of(o.get("cache")) : Inputs.defaultCache();
    out.println("machine: " + Machine.describe());
    Inputs in = Inputs.prepare(cache, size, seed, Era.MIXED, false, out);
    Path work = Files.createTempDirectory(cache, "archive-bench");
    try {
      if (memory && again) {
        return memoryAgain(in, work, out);
      }
      return memory ? memory(in, work, out) : compare(in, cache, size, seed, rounds, work, out);
    } finally {
      try (Stream<Path> files = Files.list(work)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(work);
    }
  }

  private static int memory(Inputs in, Path work, PrintStream out) throws IOException {
    Path file = work.resolve("memory.sqlite");
    Watched added = watchedAdd(file, in.json(), out);
    if (added == null) {
      return 1;
    }
    ImportReport report = added.report();
    out.printf(
        Locale.ROOT,
        "added %.1f MB of JSON, %,d conversations, in %.1f s (%.1f MB/s); archive %.1f MB%n",
        Sizes.mb(in.bytes()),
        report.newConversations(),
        added.seconds(),
        Sizes.mb(in.bytes()) / added.seconds(),
        Sizes.mb(Files.size(file)));
    out.println(added.heap().heapLine(Runtime.getRuntime().maxMemory()));
    if (report.newConversations() != in.conversations()) {
      out.printf(Locale.ROOT, "FAILED: expected %,d conversations%n", in.conversations());
      return 1;
    }
    out.println("OK: the whole export was added");
    return 0;
  }

  /**
   * {@code --memory true --again true}: the generated export as chatexport writes it, added to an
   * empty archive, then the same a week later (about 2% of it one message longer) added on top, in
   * the heap it is given: the second add takes the scanning path, which recognises most of it by
   * its bytes.
   */
  private static int memoryAgain(Inputs in, Path work, PrintStream out) throws IOException {
    Path first = work.resolve("memory-first.json");
    try (ExportReader reader = ExportReader.open(in.json());
        ExportWriter w = ExportWriter.open(first)) {
      for (Conversation c : reader) {
        w.write(c);
      }
    }
    Path later = weekLater(first, work.resolve("memory-week-later.json"), out);
    Path file = work.resolve("memory.sqlite");
    int status = 0;
    for (Path export : List.of(first, later)) {
      Watched added = watchedAdd(file, export, out);
      if (added == null) {
        return 1;
      }
      ImportReport report = added.report();
      long bytes = Files.size(export);
      out.printf(
          Locale.ROOT,
          "added %s, %.1f MB: %,d new, %,d changed, %,d unchanged, in %.1f s (%.1f MB/s);"
              + " archive %.1f MB%n",
          export.getFileName(),
          Sizes.mb(bytes),
          report.newConversations(),
          report.changed(),
          report.unchanged(),
          added.seconds(),
          Sizes.mb(bytes) / added.seconds(),
          Sizes.mb(Files.size(file)));
      out.println(added.heap().heapLine(Runtime.getRuntime().maxMemory()));
      int seen = report.newConversations() + report.changed() + report.unchanged();
      if (seen != in.conversations()) {
        out.printf(
            Locale.ROOT, "FAILED: expected %,d conversations, saw %,d%n", in.conversations(), seen);
        status = 1;
      }
    }
    if (status == 0) {
      out.println("OK: both exports were added");
    }
    return status;
  }

  /** One add under a {@link HeapWatch}: what it reported, its seconds, the heap's figures. */
  private record Watched(ImportReport report, double seconds, HeapWatch.Figures heap) {}

  /**
   * Adds {@code export} to the archive {@code file} under a {@link HeapWatch}; null, having printed
   * the failure, when the heap runs out.
   */
  private static @Nullable Watched watchedAdd(Path file, Path export, PrintStream out)
      throws IOException {
    try (HeapWatch watch = new HeapWatch()) {
      watch.begin();
      long start = System.nanoTime();
      ImportReport report;
      try (ChatArchive archive = ChatArchive.open(file)) {
        report = archive.add(export);
      } catch (OutOfMemoryError e) {
        watch.end();
        out.printf(
            Locale.ROOT,
            "FAILED: out of memory (max heap %.0f MB)%n",
            Sizes.mb(Runtime.getRuntime().maxMemory()));
        return null;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Watched(report, seconds, watch.end());
    }
  }

  private static int compare(
      Inputs in, Path cache, long size, long seed, int rounds, Path work, PrintStream out)
      throws IOException {
    Path months = cache.resolve("archive-months-" + Sizes.name(size) + "-" + seed);
    List<Path> month = months(in, months, out);
    Path last = month.get(MONTHS - 1);
    long lastBytes = Files.size(last);
    Path later = weekLater(last, months.resolve("month-12-a-week-later.json"), out);
    long laterBytes = Files.size(later);

    // the archive of months 1 to 11, built once and copied for each round
    Path eleven = work.resolve("eleven.sqlite");
    List<Long> sizes = new ArrayList<>();
    Path growing = work.resolve("growing.sqlite");
    for (int k = 0; k < MONTHS; k++) {
      try (ChatArchive archive = ChatArchive.open(growing)) {
        ImportReport r = archive.add(month.get(k));
        out.printf(
            Locale.ROOT,
            "month %2d: %6.1f MB, %,d new, %,d changed, %,d unchanged, %,d deleted,"
                + " %,d reappeared%n",
            k + 1,
            Sizes.mb(Files.size(month.get(k))),
            r.newConversations(),
            r.changed(),
            r.unchanged(),
            r.deleted(),
            r.reappeared());
      }
      sizes.add(Files.size(growing));
      if (k == MONTHS - 2) {
        Files.copy(growing, eleven, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path twelve = growing; // the archive of months 1 to 12, copied for each round

    // month 12 and its download a week later as ZIPs with the same assets (random bytes, five
    // times month 12's JSON), and the archive of months 1 to 12 with month 12's ZIP added too
    long assetBytes = ASSETS_PER_JSON_BYTE * lastBytes;
    Path lastZip =
        withAssets(last, months.resolve("month-12-with-assets.zip"), assetBytes, seed, out);
    Path laterZip =
        withAssets(
            later, months.resolve("month-12-a-week-later-with-assets.zip"), assetBytes, seed, out);
    long laterZipBytes = Files.size(laterZip);
    Path twelveZip = work.resolve("twelve-zip.sqlite");
    Files.copy(twelve, twelveZip);
    try (ChatArchive archive = ChatArchive.open(twelveZip)) {
      archive.add(lastZip);
    }

    double[] fresh = new double[rounds];
    double[] shared = new double[rounds];
    double[] readRate = new double[rounds];
    double[] freshRate = new double[rounds];
    double[] sharedRate = new double[rounds];
    double[] again = new double[rounds];
    double[] againRate = new double[rounds];
    double[] laterRead = new double[rounds];
    double[] zipAgain = new double[rounds];
    double[] zipAgainRate = new double[rounds];
    double[] zipRead = new double[rounds];
    for (int round = -1; round < rounds; round++) { // round -1 warms up
      double read = readTime(last);
      Path empty = work.resolve("fresh.sqlite");
      Files.deleteIfExists(empty);
      double addFresh =
          time(
              () -> {
                try (ChatArchive archive = ChatArchive.open(empty)) {
                  archive.add(last);
                }
              });
      double addShared = addTime(eleven, work.resolve("shared.sqlite"), last);
      double readLater = readTime(later);
      double addAgain = addTime(twelve, work.resolve("again.sqlite"), later);
      double readLaterZip = readTime(laterZip);
      double addAgainZip = addTime(twelveZip, work.resolve("again-zip.sqlite"), laterZip);
      if (round >= 0) {
        zipAgain[round] = readLaterZip / addAgainZip;
        zipAgainRate[round] = Sizes.mb(laterZipBytes) / addAgainZip;
        zipRead[round] = Sizes.mb(laterZipBytes) / readLaterZip;
        again[round] = readLater / addAgain;
        againRate[round] = Sizes.mb(laterBytes) / addAgain;
        laterRead[round] = Sizes.mb(laterBytes) / readLater;
        fresh[round] = read / addFresh;
        shared[round] = read / addShared;
        readRate[round] = Sizes.mb(lastBytes) / read;
        freshRate[round] = Sizes.mb(lastBytes) / addFresh;
        sharedRate[round] = Sizes.mb(lastBytes) / addShared;
      }
    }
    out.printf(
        Locale.ROOT,
        "%nmonth 12: %.1f MB, %d rounds after one warm-up; medians of same-round ratios%n",
        Sizes.mb(lastBytes),
        rounds);
    out.printf(Locale.ROOT, "| pass | against the reader | MB/s |%n|---|---|---|%n");
    out.printf(Locale.ROOT, "| r ExportReader alone | 1.00 | %.1f |%n", median(readRate));
    out.printf(
        Locale.ROOT,
        "| a add to an empty archive | %.2f | %.1f |%n",
        median(fresh),
        median(freshRate));
    out.printf(
        Locale.ROOT,
        "| s add to the archive of months 1-11 | %.2f | %.1f |%n",
        median(shared),
        median(sharedRate));
    out.printf(
        Locale.ROOT,
        "| w add month 12 a week later (2%% changed) to the archive of months 1-12 | %.2f | %.1f"
            + " (its read %.1f) |%n",
        median(again),
        median(againRate),
        median(laterRead));
    out.printf(
        Locale.ROOT,
        "| z the same as ZIPs with %.0f MB of assets, to the archive that holds month 12's ZIP"
            + " | %.2f | %.1f (its read %.1f) |%n",
        Sizes.mb(assetBytes),
        median(zipAgain),
        median(zipAgainRate),
        median(zipRead));
    out.printf(
        Locale.ROOT,
        "%n| archive after | MB | against month 12 (%.1f MB) |%n|---|---|---|%n",
        Sizes.mb(lastBytes));
    for (int k : new int[] {1, 2, MONTHS}) {
      long s = sizes.get(k - 1);
      out.printf(
          Locale.ROOT,
          "| %d export%s | %.1f | %.2f |%n",
          k,
          k == 1 ? "" : "s",
          Sizes.mb(s),
          (double) s / lastBytes);
    }
    long sum = 0;
    for (Path m : month) {
      sum += Files.size(m);
    }
    out.printf(
        Locale.ROOT,
        "(the 12 exports together: %.1f MB, %.2f against month 12)%n",
        Sizes.mb(sum),
        (double) sum / lastBytes);
    return 0;
  }

  /**
   * Copies an archive for a round and waits until the copy is on the disk: a user's archive has
   * been there since its last add, and the add's one sync must not also write out the copy (which
   * cost this machine about 50 ms a round at 20 MB, more than the rest of adding a week-old
   * export).
   */
  private static void copyToDisk(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel channel = FileChannel.open(to, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** Writes (once) the twelve monthly exports of the growing account. */
  private static List<Path> months(Inputs in, Path dir, PrintStream out) throws IOException {
    List<Path> paths = new ArrayList<>();
    for (int k = 1; k <= MONTHS; k++) {
      paths.add(dir.resolve(String.format(Locale.ROOT, "month-%02d.json", k)));
    }
    Path done = dir.resolve("done");
    if (Files.exists(done)) {
      return paths;
    }
    Files.createDirectories(dir);
    int n = in.conversations();
    Instant newest = Instant.EPOCH;
    try (ExportReader reader = ExportReader.open(in.json())) {
      for (Conversation c : reader) {
        if (c.updateTime() != null && c.updateTime().isAfter(newest)) {
          newest = c.updateTime();
        }
      }
    }
    for (int k = 1; k <= MONTHS; k++) {
      int upTo = (int) Math.ceil((double) k * n / MONTHS);
      try (ExportReader reader = ExportReader.open(in.json());
          ExportWriter w = ExportWriter.open(paths.get(k - 1))) {
        int i = 0;
        for (Conversation c : reader) {
          if (i >= upTo) {
            break;
          }
          if (!(hash(i, k) % 100 == 2 || (k > 6 && i % 97 == 5))) {
            int joined = 1;
            while (i >= (int) Math.ceil((double) joined * n / MONTHS)) {
              joined++;
            }
            w.write(at(c, i, k, joined, newest));
          }
          i++;
        }
      }
      out.printf(
          Locale.ROOT,
          "wrote %s (%.1f MB)%n",
          paths.get(k - 1).getFileName(),
          Sizes.mb(Files.size(paths.get(k - 1))));
    }
    Files.writeString(done, "");
    return paths;
  }

  /**
   * Writes (once) month 12 as downloaded again a week later: about 2% of its conversations have one
   * more message, the rest are as they were.
   */
  // Identity on purpose: extraMessage returns its argument when it adds nothing.
  @SuppressWarnings("ReferenceEquality")
  /**
   * {@code json} as a ZIP export, with {@code assetBytes} of assets beside it: files of 1 MiB of
   * random bytes (seeded: the same for every ZIP of one seed, as the images of two downloads of one
   * account are), deflated as ChatGPT's ZIPs are; written once into the cache.
   */
  private static Path withAssets(Path json, Path zip, long assetBytes, long seed, PrintStream out)
      throws IOException {
    if (Files.exists(zip)) {
      return zip;
    }
    Path partial = zip.resolveSibling(zip.getFileName() + ".part");
    try (OutputStream file = Files.newOutputStream(partial);
        ZipOutputStream z = new ZipOutputStream(new BufferedOutputStream(file, 1 << 16))) {
      z.setLevel(Deflater.BEST_SPEED);
      z.putNextEntry(new ZipEntry("conversations.json"));
      Files.copy(json, z);
      z.closeEntry();
      Random random = new Random(seed);
      byte[] asset = new byte[1 << 20];
      for (int i = 0; (long) i * asset.length < assetBytes; i++) {
        random.nextBytes(asset);
        z.putNextEntry(new ZipEntry(String.format(Locale.ROOT, "file-%05d-bench.webp", i)));
        z.write(asset);
        z.closeEntry();
      }
    }
    Files.move(partial, zip, StandardCopyOption.REPLACE_EXISTING);
    out.printf(Locale.ROOT, "wrote %s (%.1f MB)%n", zip.getFileName(), Sizes.mb(Files.size(zip)));
    return zip;
  }

  private static Path weekLater(Path last, Path file, PrintStream out) throws IOException {
    if (Files.exists(file)) {
      return file;
    }
    Instant newest = Instant.EPOCH;
    try (ExportReader reader = ExportReader.open(last)) {
      for (Conversation c : reader) {
        if (c.updateTime() != null && c.updateTime().isAfter(newest)) {
          newest = c.updateTime();
        }
      }
    }
    Path partial = file.resolveSibling(file.getFileName() + ".part");
    try (ExportReader reader = ExportReader.open(last);
        ExportWriter w = ExportWriter.open(partial)) {
      int i = 0;
      for (Conversation c : reader) {
        if (hash(i, MONTHS + 1) % 50 == 1) {
          Conversation extended = extraMessage(c, "w" + i);
          w.write(
              extended == c
                  ? c
                  : extended.withTimes(c.createTime(), newest.plus(Duration.ofDays(7))));
        } else {
          w.write(c);
        }
        i++;
      }
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    out.printf(Locale.ROOT, "wrote %s (%.1f MB)%n", file.getFileName(), Sizes.mb(Files.size(file)));
    return file;
  }

  /**
   * Conversation {@code i}, first in month {@code joined}, as month {@code k} has it: every later
   * change.
   */
  // Identity on purpose: extraMessage returns its argument when it adds nothing; updated is c's
  // until replaced.
  @SuppressWarnings("ReferenceEquality")
  private static Conversation at(Conversation c, int i, int k, int joined, Instant newest) {
    Conversation out = c;
    Instant updated = c.updateTime();
    for (int j = joined + 1; j <= k; j++) {
      boolean changed = false;
      if (hash(i, j) % 20 == 0) {
        out = out.withTitle((c.title() == null ? "" : c.title()) + " (rev " + j + ")");
        changed = true;
      }
      if (hash(i, j) % 10 == 1) {
        Conversation extended = extraMessage(out, "x" + j + "-" + i);
        changed = extended != out;
        out = extended;
      }
      if (changed) {
        updated = newest.plus(MONTH.multipliedBy(j));
      }
    }
    return updated == c.updateTime() ? out : out.withTimes(c.createTime(), updated);
  }

  private static Conversation extraMessage(Conversation c, String id) {
    MessageNode leaf = c.activeBranch().leaf().orElse(null);
    Message message = leaf == null ? null : leaf.message();
    if (leaf == null || message == null || c.nodes().containsKey(id)) {
      return c;
    }
    boolean listsChildren =
        c.nodes().values().stream().anyMatch(node -> !node.childIds().isEmpty());
    Map<String, MessageNode> nodes = new LinkedHashMap<>(c.nodes());
    if (listsChildren) {
      List<String> children = new ArrayList<>(leaf.childIds());
      children.add(id);
      nodes.put(leaf.id(), leaf.withChildIds(children));
    }
    nodes.put(id, MessageNode.of(id, message, leaf.id()));
    return c.withNodes(nodes).withCurrentNode(id);
  }

  private static long hash(int i, int k) {
    long h = (i + 1) * 0x9E3779B97F4A7C15L ^ (k + 1) * 0xC2B2AE3D27D4EB4FL;
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    return (h ^ (h >>> 29)) >>> 1;
  }

  @FunctionalInterface
  private interface Body {
    void run() throws IOException;
  }

  /** Seconds to read every conversation of {@code export} as records, with its active branch. */
  private static double readTime(Path export) throws IOException {
    return time(
        () -> {
          try (ExportReader reader = ExportReader.open(export);
              Stream<Conversation> all = reader.conversations()) {
            all.forEach(c -> c.activeBranch());
          }
        });
  }

  /**
   * Seconds to open {@code copy}, a copy of the archive {@code archive} put on the disk first, add
   * {@code export} to it and close it.
   */
  private static double addTime(Path archive, Path copy, Path export) throws IOException {
    copyToDisk(archive, copy);
    return time(
        () -> {
          try (ChatArchive a = ChatArchive.open(copy)) {
            a.add(export);
          }
        });
  }

  private static double time(Body body) throws IOException {
    long start = System.nanoTime();
    body.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
