package dev.atrium.tiers.hybrid;

import dev.atrium.tiers.Ticker;

/**
 * Which writes may go to disk: none larger than {@code maxEntryBytes}, and no more than
 * {@code bytesPerSecond} on average (a token bucket holding at most one second of budget).
 * A refused write is dropped and counted; admission never waits.
 */
final class Admission {
  private static final long SECOND = 1_000_000_000L;

  private final int maxEntryBytes;
  private final long bytesPerSecond;
  private final Ticker ticker;
  private long tokens;
  private long refilledAt;

  /** @param bytesPerSecond the rate limit, or 0 for none */
  Admission(int maxEntryBytes, long bytesPerSecond, Ticker ticker) {
    this.maxEntryBytes = maxEntryBytes;
    this.bytesPerSecond = bytesPerSecond;
    this.ticker = ticker;
    this.tokens = bytesPerSecond;
    this.refilledAt = ticker.read();
  }

  boolean admit(int bytes) {
    if (bytes > maxEntryBytes) {
      return false;
    }
    if (bytesPerSecond == 0) {
      return true;
    }
    synchronized (this) {
      long now = ticker.read();
      long elapsed = now - refilledAt;
      if (elapsed > 0) {
        long refill = elapsed >= SECOND ? bytesPerSecond : (bytesPerSecond * elapsed) / SECOND;
        if (refill > 0) {
          tokens = Math.min(bytesPerSecond, tokens + refill);
          refilledAt = now;
        }
      }
      if (tokens < bytes) {
        return false;
      }
      tokens -= bytes;
      return true;
    }
  }
}
