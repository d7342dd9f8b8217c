package dev.atrium.bench.hybrid;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Hits and misses of one thread, reported by JMH as secondary results ({@code hits} and
 * {@code misses}, in ops/s: their sum is the throughput, {@code hits / (hits + misses)} the hit
 * ratio). Counted in plain fields of a per-thread state, so counting adds no contention. The
 * measured iterations' totals are also summed over the threads and printed to stderr by the last
 * thread to finish the trial (not by the benchmark's trial teardown: JMH may run that before
 * another thread's last iteration teardown, which would lose that thread's last iteration).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class HitCounters {
  private static final AtomicLong MEASURED_HITS = new AtomicLong();
  private static final AtomicLong MEASURED_MISSES = new AtomicLong();
  private static final AtomicInteger RUNNING = new AtomicInteger();

  public long hits;
  public long misses;

  @Setup(Level.Trial)
  public void join() {
    RUNNING.incrementAndGet();
  }

  @Setup(Level.Iteration)
  public void reset() {
    hits = 0;
    misses = 0;
  }

  @TearDown(Level.Iteration)
  public void collect(IterationParams iteration) {
    if (iteration.getType() == IterationType.MEASUREMENT) {
      MEASURED_HITS.addAndGet(hits);
      MEASURED_MISSES.addAndGet(misses);
    }
  }

  @TearDown(Level.Trial)
  public void leave(BenchmarkParams benchmark) {
    if (RUNNING.decrementAndGet() == 0) {
      long hits = MEASURED_HITS.getAndSet(0);
      long misses = MEASURED_MISSES.getAndSet(0);
      System.err.printf("%nhybrid: %s measured hit ratio %.4f (hits=%d misses=%d, all threads, measured"
              + " iterations only)%n", benchmark.getParam("provider"),
          hits + misses == 0 ? Double.NaN : (double) hits / (hits + misses), hits, misses);
    }
  }
}
