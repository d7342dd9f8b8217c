package dev.atrium.tiers.disk;

import dev.atrium.tiers.Ticker;

/**
 * Translates deadlines between the tier's {@link Ticker} (arbitrary origin, changes at every
 * restart) and the wall clock (epoch nanoseconds, written in records).
 *
 * <p>The offset {@code wall - ticker} is read once when the tier opens; within one opening the
 * translation is exact both ways. Across a restart a deadline keeps its wall-clock instant, so
 * entries expire when they should give or take the wall clock's own adjustments. Saturating:
 * {@link Ticker#NEVER} maps to {@link Long#MAX_VALUE} and back.
 */
final class DeadlineClock {
  private final Ticker ticker;
  private final long offset;

  DeadlineClock(Ticker ticker, WallClock wall) {
    this.ticker = ticker;
    this.offset = wall.epochNanos() - ticker.read();
  }

  long toWall(long deadline) {
    if (deadline == Ticker.NEVER) {
      return Long.MAX_VALUE;
    }
    long wall = deadline + offset;
    if (((deadline ^ wall) & (offset ^ wall)) < 0) {
      return offset > 0 ? Long.MAX_VALUE - 1 : Long.MIN_VALUE;
    }
    return wall == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : wall;
  }

  long fromWall(long wall) {
    if (wall == Long.MAX_VALUE) {
      return Ticker.NEVER;
    }
    long deadline = wall - offset;
    if (((wall ^ offset) & (wall ^ deadline)) < 0) {
      return offset > 0 ? Long.MIN_VALUE : Long.MAX_VALUE - 1;
    }
    return deadline == Ticker.NEVER ? Ticker.NEVER - 1 : deadline;
  }

  boolean expiredAt(long wallDeadline) {
    return Ticker.isExpired(fromWall(wallDeadline), ticker.read());
  }

  /** Whether a ticker deadline has passed already. */
  boolean expiredAtTicker(long deadline) {
    return deadline != Ticker.NEVER && Ticker.isExpired(deadline, ticker.read());
  }

  long now() {
    return ticker.read();
  }
}
