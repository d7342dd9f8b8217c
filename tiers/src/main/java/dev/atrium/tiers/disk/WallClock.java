package dev.atrium.tiers.disk;

import java.time.Instant;

/**
 * The wall clock, in nanoseconds since the Unix epoch, injected like the
 * {@link dev.atrium.tiers.Ticker}. The disk tier needs it only to write deadlines that mean the
 * same after a restart, when the ticker's origin has changed.
 */
@FunctionalInterface
public interface WallClock {

  long epochNanos();

  static WallClock system() {
    return () -> {
      Instant now = Instant.now();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
  }
}
