package dev.atrium.bench.hybrid;

import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Hits and misses of one thread, reported by JMH as secondary results ({@code hits} and
 * {@code misses}, in ops/s: their sum is the throughput, {@code hits / (hits + misses)} the hit
 * ratio). Counted in plain fields of a per-thread state, so counting adds no contention. The
 * measured iterations' totals are also kept for the line printed at the end of the trial.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class HitCounters {
  static final AtomicLong MEASURED_HITS = new AtomicLong();
  static final AtomicLong MEASURED_MISSES = new AtomicLong();

  public long hits;
  public long misses;

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
}
