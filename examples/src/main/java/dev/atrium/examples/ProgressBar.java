package dev.atrium.examples;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr, redrawn by a daemon thread at most {@link #REDRAWS_PER_SECOND}
 * times a second while a phase runs; {@link #close} draws the final state and ends the line.
 */
final class ProgressBar implements AutoCloseable {
  static final int REDRAWS_PER_SECOND = 5;
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String label;
  private final long total;
  private final LongSupplier done;
  private final Thread redrawer;
  private final long start = System.nanoTime();

  private ProgressBar(PrintStream out, String label, long total, LongSupplier done) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.done = done;
    this.redrawer = new Thread(this::redrawUntilInterrupted, "progress-bar");
    this.redrawer.setDaemon(true);
  }

  /** Starts drawing the progress of {@code total} steps, of which {@code done} are finished. */
  static ProgressBar start(String label, long total, LongSupplier done) {
    ProgressBar bar = new ProgressBar(System.err, label, total, done);
    bar.draw();
    bar.redrawer.start();
    return bar;
  }

  private void redrawUntilInterrupted() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        TimeUnit.MILLISECONDS.sleep(1000 / REDRAWS_PER_SECOND);
        draw();
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  private synchronized void draw() {
    long finished = Math.min(done.getAsLong(), total);
    int filled = total == 0 ? WIDTH : (int) (finished * WIDTH / total);
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf("\r  %-22s [%s%s] %3d %% %,9d / %,d  %5.1f s", label, "#".repeat(filled),
        ".".repeat(WIDTH - filled), total == 0 ? 100 : finished * 100 / total, finished, total, seconds);
    out.flush();
  }

  @Override
  public void close() {
    redrawer.interrupt();
    try {
      redrawer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    draw();
    out.println();
    out.flush();
  }
}
