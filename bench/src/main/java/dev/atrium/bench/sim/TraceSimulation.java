package dev.atrium.bench.sim;

import dev.atrium.tiers.Ticker;
import dev.atrium.tiers.memory.MemoryTier;
import java.util.Locale;

/**
 * Replays requests against a memory tier and counts hits: every request is a read ({@code get},
 * which the policy sees as an access), and a miss inserts the key with no deadline. The tier's
 * own code decides what stays, so this class holds no eviction logic.
 */
final class TraceSimulation {
  private final MemoryTier<Long, Long> tier;
  private final ProgressBar progress;
  private long hits;
  private long requests;

  TraceSimulation(MemoryTier<Long, Long> tier, ProgressBar progress) {
    this.tier = tier;
    this.progress = progress;
  }

  /** One request of the trace. */
  void request(long key) {
    Long boxed = key;
    if (tier.get(boxed) != null) {
      hits++;
    } else {
      tier.put(boxed, boxed, Ticker.NEVER);
    }
    progress.update(++requests);
  }

  Result result() {
    return new Result(hits, requests);
  }

  /** Hits out of requests; the simulator's output line. */
  record Result(long hits, long requests) {
    double hitRatio() {
      return requests == 0 ? 0.0 : (double) hits / requests;
    }

    /** {@code hit_ratio=0.xxxx hits=N requests=M}. */
    String line() {
      return String.format(Locale.ROOT, "hit_ratio=%.4f hits=%d requests=%d", hitRatio(), hits, requests);
    }
  }
}
