package io.github.chatexport.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A one-line description of the machine and JVM, for the table. */
final class Machine {
  private Machine() {}

  static String describe() {
    Runtime rt = Runtime.getRuntime();
    List<String> gcs = new ArrayList<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcs.add(gc.getName());
    }
    String cpu = cpuModel();
    return rt.availableProcessors()
        + " cores"
        + (cpu.isEmpty() ? "" : " (" + cpu + ")")
        + ", max heap "
        + Math.round(Sizes.mb(rt.maxMemory()))
        + " MB"
        + ", Java "
        + Runtime.version()
        + " ("
        + System.getProperty("java.vm.name")
        + ")"
        + ", GC "
        + String.join(" + ", gcs)
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch");
  }

  /** The system load average over the last minute, with the number of cores, or "unknown". */
  static String load() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0
        ? "unknown"
        : String.format(
            java.util.Locale.ROOT,
            "%.1f on %d cores",
            load,
            Runtime.getRuntime().availableProcessors());
  }

  private static String cpuModel() {
    Path info = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(info)) {
      return "";
    }
    try {
      for (String line : Files.readAllLines(info)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip().replaceAll("\\s+", " ");
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or not readable: leave it out
    }
    return "";
  }
}
