package dev.atrium.examples;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The measured part of one run: where reads were answered, how many reached the store, and the
 * latency of {@code cache.get} as the callers saw it.
 */
final class RunReport {
  final String name;
  final TierCounts tiers;
  final long storeRequests;
  final long wrongValues;
  final long wallNanos;
  final long warmupNanos;
  private final long[] sorted;

  RunReport(String name, TierCounts tiers, long storeRequests, LoadDriver.Phase phase, long warmupNanos) {
    this.warmupNanos = warmupNanos;
    this.name = name;
    this.tiers = tiers;
    this.storeRequests = storeRequests;
    this.wrongValues = phase.wrongValues();
    this.wallNanos = phase.wallNanos();
    this.sorted = phase.latencies().clone();
    Arrays.sort(sorted);
  }

  int requests() {
    return sorted.length;
  }

  /** The {@code p}-th percentile latency in nanoseconds (nearest rank). */
  long percentile(double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  long meanNanos() {
    long sum = 0;
    for (long latency : sorted) {
      sum += latency;
    }
    return sum / sorted.length;
  }

  void print(PrintStream out) {
    double seconds = wallNanos / 1e9;
    out.printf("%s%n", name);
    out.printf("  requests:        %,d in %.1f s (%,.0f reads/s); the warm-up before took %.1f s%n",
        requests(), seconds, requests() / seconds, warmupNanos / 1e9);
    String pending = tiers.pending() == 0 ? ""
        : String.format(" (memory includes %,d reads from the write queue)", tiers.pending());
    out.printf("  answered by:     memory %.1f %%, disk %.1f %%, miss %.1f %%%s%n",
        tiers.percent(tiers.memory() + tiers.pending()), tiers.percent(tiers.disk()),
        tiers.percent(tiers.misses()), pending);
    out.printf("  store requests:  %,d (%.1f per 100 reads)%n", storeRequests, 100.0 * storeRequests / requests());
    out.printf("  cache.get:       p50 %s, p90 %s, p99 %s, mean %s%n", millis(percentile(50)),
        millis(percentile(90)), millis(percentile(99)), millis(meanNanos()));
    if (wrongValues != 0) {
      out.printf("  WRONG VALUES:    %,d reads returned bytes that differ from the store's%n", wrongValues);
    }
  }

  static String millis(long nanos) {
    double ms = nanos / 1e6;
    return ms < 1 ? String.format("%.3f ms", ms) : String.format("%.1f ms", ms);
  }
}
