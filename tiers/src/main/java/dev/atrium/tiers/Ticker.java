package dev.atrium.tiers;

/**
 * The clock every tier reads deadlines from, in nanoseconds on an arbitrary origin.
 *
 * <p>Injected, never read from the wall clock inside a tier, so that expiry tests advance a fake
 * clock instead of sleeping. Deadlines are absolute readings of this ticker;
 * {@link #NEVER} means the entry does not expire.
 */
@FunctionalInterface
public interface Ticker {

  /** The deadline of an entry that never expires. */
  long NEVER = Long.MAX_VALUE;

  /** The current reading, in nanoseconds. Only differences between readings mean anything. */
  long read();

  /** The JVM's monotonic clock. */
  static Ticker system() {
    return System::nanoTime;
  }

  /** Whether a deadline has passed at {@code now}: an entry is expired from its deadline on. */
  static boolean isExpired(long deadline, long now) {
    return deadline != NEVER && now - deadline >= 0;
  }
}
