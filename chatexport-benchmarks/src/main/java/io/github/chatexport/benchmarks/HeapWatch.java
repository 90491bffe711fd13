package io.github.chatexport.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches the heap during one pass: the peak of the used heap, sampled every 2 ms by a daemon
 * thread (garbage included, so it mostly shows how large the young generation grew), the peak of
 * what was left after each garbage collection (the live data: what a reader holds), the bytes the
 * measuring thread allocated, and the CPU time of the whole process (every thread: the reader's,
 * GC, JIT). {@link #begin()} runs {@code System.gc()} first, so that each pass starts from the same
 * heap.
 */
final class HeapWatch implements NotificationListener, AutoCloseable {
  private static final long SAMPLE_MILLIS = 2;

  /** The figures of one pass. */
  record Figures(long peakUsed, long peakLive, int collections, long allocated, long cpuNanos) {
    /** The line the memory checks print of them, for a heap of at most {@code maxHeap} bytes. */
    String heapLine(long maxHeap) {
      return String.format(
          Locale.ROOT,
          "max heap %.0f MB; peak heap used %.0f MB; peak live after a collection %.1f MB"
              + " (%d collections)",
          Sizes.mb(maxHeap),
          Sizes.mb(peakUsed),
          Sizes.mb(peakLive),
          collections);
    }
  }

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final Set<String> heapPools = new HashSet<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final Thread sampler;
  private volatile boolean active;
  private volatile long peakUsed;
  private volatile long peakLive;
  private volatile int collections;
  private long allocatedAtStart;
  private long cpuAtStart;

  HeapWatch() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(this, null, null);
        emitters.add(emitter);
      }
    }
    sampler = new Thread(this::sample, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    while (true) {
      if (active) {
        long used = memory.getHeapMemoryUsage().getUsed();
        if (used > peakUsed) {
          peakUsed = used;
        }
      }
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void handleNotification(Notification n, Object handback) {
    if (!active
        || !n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    if (info.getGcCause().equals("System.gc()")) {
      return;
    }
    long live = 0;
    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(e.getKey())) {
        live += e.getValue().getUsed();
      }
    }
    synchronized (this) {
      collections++;
      if (live > peakLive) {
        peakLive = live;
      }
    }
  }

  /** Collects garbage, then starts watching. */
  void begin() {
    System.gc();
    System.gc();
    synchronized (this) {
      peakUsed = memory.getHeapMemoryUsage().getUsed();
      peakLive = 0;
      collections = 0;
    }
    allocatedAtStart = threads.getCurrentThreadAllocatedBytes();
    cpuAtStart = os.getProcessCpuTime();
    active = true;
  }

  /** Stops the sampler and the notifications. */
  @Override
  public void close() {
    sampler.interrupt();
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(this);
      } catch (ListenerNotFoundException e) {
        // already gone
      }
    }
  }

  /** Stops watching; the figures since {@link #begin()}. */
  Figures end() {
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedAtStart;
    long cpu = os.getProcessCpuTime() - cpuAtStart;
    long used = memory.getHeapMemoryUsage().getUsed();
    active = false;
    synchronized (this) {
      return new Figures(Math.max(peakUsed, used), peakLive, collections, allocated, cpu);
    }
  }
}
