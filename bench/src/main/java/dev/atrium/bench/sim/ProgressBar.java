package dev.atrium.bench.sim;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr for long traces. Progress is the share of the trace file read
 * so far (compressed bytes), so the total need not be known before the trace is streamed. It
 * appears only once a trace has passed {@link #THRESHOLD} requests, redraws at most every
 * {@link #INTERVAL_NANOS}, and ends with a newline so that stdout's result line stands alone.
 */
final class ProgressBar {
  static final long THRESHOLD = 100_000;
  static final long INTERVAL_NANOS = 100_000_000L;
  private static final int WIDTH = 40;
  /** Look at the clock only every this many requests (a power of two minus one as a mask). */
  private static final long CHECK_MASK = (1 << 14) - 1;

  private final PrintStream out;
  private final LongSupplier position;
  private final long total;
  private long lastDraw;
  private boolean shown;

  /** A bar over {@code total} units, of which {@code position} says how many are done. */
  ProgressBar(PrintStream out, LongSupplier position, long total) {
    this.out = out;
    this.position = position;
    this.total = Math.max(1, total);
  }

  /** A bar that never draws. */
  static ProgressBar silent() {
    return new ProgressBar(null, () -> 0, 1);
  }

  /** Called once per request; cheap unless it is time to redraw. */
  void update(long requests) {
    if (out == null || (requests & CHECK_MASK) != 0 || requests < THRESHOLD) {
      return;
    }
    long now = System.nanoTime();
    if (shown && now - lastDraw < INTERVAL_NANOS) {
      return;
    }
    lastDraw = now;
    shown = true;
    draw(Math.min(1.0, (double) position.getAsLong() / total), requests);
  }

  /** Draws the bar full and ends its line, if it was ever drawn. */
  void finish(long requests) {
    if (shown) {
      draw(1.0, requests);
      out.println();
      out.flush();
    }
  }

  private void draw(double done, long requests) {
    int filled = (int) (done * WIDTH);
    StringBuilder line = new StringBuilder(WIDTH + 40).append("\r[");
    for (int i = 0; i < WIDTH; i++) {
      line.append(i < filled ? '=' : (i == filled ? '>' : ' '));
    }
    line.append("] ").append(String.format(Locale.ROOT, "%3d%% %,d requests", (int) (done * 100), requests));
    out.print(line);
    out.flush();
  }
}
