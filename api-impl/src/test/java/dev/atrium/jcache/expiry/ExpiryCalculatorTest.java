package dev.atrium.jcache.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.Test;

class ExpiryCalculatorTest {
  private final AtomicLong clock = new AtomicLong(1_000);
  private final Ticker ticker = clock::get;

  @Test
  void createdPolicySetsADeadlineOnCreationOnly() {
    ExpiryCalculator calculator = new ExpiryCalculator(
        new CreatedExpiryPolicy(new Duration(TimeUnit.SECONDS, 5)), ticker);
    long now = ticker.read();
    long deadline = calculator.onCreation(now);
    assertEquals(now + TimeUnit.SECONDS.toNanos(5), deadline);
    assertEquals(deadline, calculator.onUpdate(deadline, now + 10));
    assertEquals(deadline, calculator.onAccess(deadline, now + 10));
  }

  @Test
  void accessedPolicyMovesTheDeadlineOnEachRead() {
    ExpiryCalculator calculator = new ExpiryCalculator(
        new AccessedExpiryPolicy(new Duration(TimeUnit.MILLISECONDS, 10)), ticker);
    long created = calculator.onCreation(0);
    long later = TimeUnit.MILLISECONDS.toNanos(7);
    assertEquals(later + TimeUnit.MILLISECONDS.toNanos(10), calculator.onAccess(created, later));
  }

  @Test
  void zeroMeansExpiredAtOnce() {
    ExpiryCalculator calculator = new ExpiryCalculator(new CreatedExpiryPolicy(Duration.ZERO), ticker);
    long now = ticker.read();
    assertTrue(Ticker.isExpired(calculator.onCreation(now), now));
  }

  @Test
  void eternalNeverExpires() {
    ExpiryCalculator calculator = new ExpiryCalculator(new EternalExpiryPolicy(), ticker);
    assertEquals(Ticker.NEVER, calculator.onCreation(ticker.read()));
    assertTrue(calculator.isEternal());
  }

  @Test
  void aDurationTooLongForTheClockIsEternal() {
    ExpiryCalculator calculator = new ExpiryCalculator(
        new CreatedExpiryPolicy(new Duration(TimeUnit.DAYS, Long.MAX_VALUE / 2)), ticker);
    assertEquals(Ticker.NEVER, calculator.onCreation(ticker.read()));
  }

  @Test
  void aFailingPolicyKeepsTheCurrentDeadline() {
    ExpiryPolicy broken = new ExpiryPolicy() {
      @Override
      public Duration getExpiryForCreation() {
        throw new IllegalStateException("broken");
      }

      @Override
      public Duration getExpiryForAccess() {
        throw new IllegalStateException("broken");
      }

      @Override
      public Duration getExpiryForUpdate() {
        throw new IllegalStateException("broken");
      }
    };
    ExpiryCalculator calculator = new ExpiryCalculator(broken, ticker);
    assertEquals(Ticker.NEVER, calculator.onCreation(5));
    assertEquals(42, calculator.onAccess(42, 5));
    assertEquals(42, calculator.onUpdate(42, 5));
  }
}
