package io.github.chatexport.cli;

import io.github.chatexport.core.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr: conversations and bytes done, rate and time left, redrawn in place at
 * most ten times a second. Drawn only when stderr is a terminal and {@code --quiet} is off;
 * otherwise it does nothing.
 */
final class Progress implements ProgressListener, AutoCloseable {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int BAR = 24;

  private final PrintWriter err;
  private final boolean enabled;
  private final LongSupplier clock;
  private final long start;
  private long lastDraw = Long.MIN_VALUE;
  private int drawnWidth;

  Progress(PrintWriter err, boolean enabled, LongSupplier clock) {
    this.err = err;
    this.enabled = enabled;
    this.clock = clock;
    this.start = clock.getAsLong();
  }

  /** Nothing shown. */
  static Progress off(PrintWriter err) {
    return new Progress(err, false, System::nanoTime);
  }

  @Override
  public void progress(long conversations, long bytesRead, long totalBytes) {
    if (!enabled) {
      return;
    }
    long now = clock.getAsLong();
    if (lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    draw(line(conversations, bytesRead, totalBytes, now - start));
  }

  /**
   * The bar's text, for example {@code 42% [==========> ] 1,234 conversations, 12.3 MB of 29.0 MB,
   * 4.1 MB/s, 0:04 left}.
   */
  static String line(long conversations, long bytesRead, long totalBytes, long elapsedNanos) {
    StringBuilder out = new StringBuilder();
    double seconds = elapsedNanos / 1e9;
    double rate = seconds > 0 ? bytesRead / seconds : 0;
    if (totalBytes > 0) {
      long done = Math.min(bytesRead, totalBytes);
      int percent = (int) (100 * done / totalBytes);
      int filled = (int) ((long) BAR * done / totalBytes);
      out.append(String.format(Locale.ROOT, "%3d%% [", percent));
      for (int i = 0; i < BAR; i++) {
        out.append(i < filled ? '=' : i == filled ? '>' : ' ');
      }
      out.append("] ");
    }
    out.append(Texts.plural(conversations, "conversation", "conversations"))
        .append(", ")
        .append(Texts.bytes(bytesRead));
    if (totalBytes > 0) {
      out.append(" of ").append(Texts.bytes(totalBytes));
    }
    if (rate > 0) {
      out.append(", ").append(Texts.bytes((long) rate)).append("/s");
      if (totalBytes > 0 && bytesRead < totalBytes) {
        long left = (long) ((totalBytes - bytesRead) / rate);
        out.append(String.format(Locale.ROOT, ", %d:%02d left", left / 60, left % 60));
      }
    }
    return out.toString();
  }

  private void draw(String line) {
    StringBuilder out = new StringBuilder("\r").append(line);
    for (int i = line.length(); i < drawnWidth; i++) {
      out.append(' ');
    }
    drawnWidth = Math.max(drawnWidth, line.length());
    err.print(out);
    err.flush();
  }

  /** Clears the bar, so that what follows starts on a clean line. */
  @Override
  public void close() {
    if (enabled && drawnWidth > 0) {
      err.print("\r" + " ".repeat(drawnWidth) + "\r");
      err.flush();
      drawnWidth = 0;
    }
  }
}
