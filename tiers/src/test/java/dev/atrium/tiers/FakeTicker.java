package dev.atrium.tiers;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so. */
public final class FakeTicker implements Ticker {
  private final AtomicLong now;

  /** Starts at an arbitrary non-zero reading. */
  public FakeTicker() {
    this(1_000_000L);
  }

  public FakeTicker(long origin) {
    this.now = new AtomicLong(origin);
  }

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
