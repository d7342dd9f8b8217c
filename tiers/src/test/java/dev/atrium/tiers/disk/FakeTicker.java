package dev.atrium.tiers.disk;

import dev.atrium.tiers.Ticker;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker the test moves by hand. */
final class FakeTicker implements Ticker {
  private final AtomicLong now;

  FakeTicker(long origin) {
    now = new AtomicLong(origin);
  }

  @Override
  public long read() {
    return now.get();
  }

  void advance(long nanos) {
    now.addAndGet(nanos);
  }
}
