package dev.atrium.tiers.memory;

import dev.atrium.tiers.Ticker;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so. Starts at an arbitrary non-zero reading. */
public final class FakeTicker implements Ticker {
  private final AtomicLong now = new AtomicLong(1_000_000L);

  @Override
  public long read() {
    return now.get();
  }

  /** Moves the clock forward by {@code nanos}; returns the new reading. */
  public long advance(long nanos) {
    return now.addAndGet(nanos);
  }

  /** The reading {@code nanos} from now: a deadline for an entry that should live that long. */
  public long in(long nanos) {
    return now.get() + nanos;
  }
}
