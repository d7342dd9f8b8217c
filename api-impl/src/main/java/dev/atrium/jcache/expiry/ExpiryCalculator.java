package dev.atrium.jcache.expiry;

import dev.atrium.tiers.Ticker;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;

/**
 * Translates a JCache {@link ExpiryPolicy} into tier deadlines: readings of the tier's
 * {@link Ticker}, with {@link Ticker#NEVER} for eternal entries. This is the only place where
 * JCache durations meet tier time; the tiers never see an {@code ExpiryPolicy}.
 *
 * <p>The spec's rules: a {@code null} duration on access or update leaves the deadline as it
 * was, on creation it means eternal; {@link Duration#ZERO} means expired at once (a created entry
 * is then never stored). A policy that throws is logged and treated as {@code null}, the least
 * surprising reading: the cache keeps working with the deadline the entry already had.
 */
public final class ExpiryCalculator {
  private static final Logger LOG = Logger.getLogger(ExpiryCalculator.class.getName());

  private final ExpiryPolicy policy;
  private final Ticker ticker;
  private final boolean eternal;

  public ExpiryCalculator(ExpiryPolicy policy, Ticker ticker) {
    this.policy = policy;
    this.ticker = ticker;
    this.eternal = policy instanceof javax.cache.expiry.EternalExpiryPolicy;
  }

  public Ticker ticker() {
    return ticker;
  }

  public long now() {
    return ticker.read();
  }

  /** The deadline of a new entry; already passed at {@code now} if it must not be stored. */
  public long onCreation(long now) {
    if (eternal) {
      return Ticker.NEVER;
    }
    Duration duration = ask(policy::getExpiryForCreation);
    return duration == null ? Ticker.NEVER : deadline(duration, now);
  }

  /** The deadline after an update of an entry whose deadline was {@code current}. */
  public long onUpdate(long current, long now) {
    if (eternal) {
      return current;
    }
    Duration duration = ask(policy::getExpiryForUpdate);
    return duration == null ? current : deadline(duration, now);
  }

  /** The deadline after a read of an entry whose deadline was {@code current}. */
  public long onAccess(long current, long now) {
    if (eternal) {
      return current;
    }
    Duration duration = ask(policy::getExpiryForAccess);
    return duration == null ? current : deadline(duration, now);
  }

  /** Whether reads can move deadlines at all (for reads that could skip the bookkeeping). */
  public boolean isEternal() {
    return eternal;
  }

  private static long deadline(Duration duration, long now) {
    if (duration.isEternal()) {
      return Ticker.NEVER;
    }
    if (duration.isZero()) {
      return now;
    }
    long nanos = duration.getTimeUnit().toNanos(duration.getDurationAmount());
    // deadlines compare by difference (wrap-safe below 2^63): a span past 2^62 ns (146 years)
    // is as good as eternal
    if (nanos >= Long.MAX_VALUE / 2) {
      return Ticker.NEVER;
    }
    long deadline = now + nanos;
    return deadline == Ticker.NEVER ? deadline - 1 : deadline;
  }

  private static Duration ask(Supplier<Duration> question) {
    try {
      return question.get();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the expiry policy failed; keeping the entry's current deadline", e);
      return null;
    }
  }
}
