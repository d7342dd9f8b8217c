package dev.atrium.tiers.disk;

import dev.atrium.tiers.Ticker;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Switches the disk tier off after repeated storage errors and lets one probe through now and
 * then to switch it back on (a circuit breaker).
 *
 * <p>{@link #FAILURES_TO_TRIP} consecutive failures trip it. While off, {@link #allow()} refuses
 * every operation except one probe per interval; the interval starts at {@link #FIRST_BACKOFF_NANOS}
 * and doubles after each failed probe up to {@link #MAX_BACKOFF_NANOS}. A success closes it. Time
 * is the tier's {@link Ticker}. Transitions are logged once each.
 */
final class HealthGate {
  static final int FAILURES_TO_TRIP = 5;
  static final long FIRST_BACKOFF_NANOS = 100_000_000L;
  static final long MAX_BACKOFF_NANOS = 30_000_000_000L;
  private static final System.Logger LOG = System.getLogger(HealthGate.class.getName());

  private final Ticker ticker;
  private final String name;
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private final AtomicLong nextProbeAt = new AtomicLong();
  private volatile boolean off;
  private volatile long backoff = FIRST_BACKOFF_NANOS;

  HealthGate(Ticker ticker, String name) {
    this.ticker = ticker;
    this.name = name;
  }

  /** Whether an operation may touch the disk now (always when on; one probe at a time when off). */
  boolean allow() {
    if (!off) {
      return true;
    }
    long at = nextProbeAt.get();
    long now = ticker.read();
    return now - at >= 0 && nextProbeAt.compareAndSet(at, now + backoff);
  }

  boolean off() {
    return off;
  }

  void success() {
    if (consecutiveFailures.get() != 0) {
      consecutiveFailures.set(0);
    }
    if (off) {
      synchronized (this) {
        if (off) {
          off = false;
          backoff = FIRST_BACKOFF_NANOS;
          LOG.log(System.Logger.Level.INFO, "disk tier {0} is back on", name);
        }
      }
    }
  }

  void failure(Throwable cause) {
    int failures = consecutiveFailures.incrementAndGet();
    synchronized (this) {
      if (off) {
        backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
        nextProbeAt.set(ticker.read() + backoff);
      } else if (failures >= FAILURES_TO_TRIP) {
        off = true;
        nextProbeAt.set(ticker.read() + backoff);
        LOG.log(System.Logger.Level.WARNING,
            "disk tier " + name + " switched off after " + failures + " errors; last: " + cause);
      }
    }
  }
}
