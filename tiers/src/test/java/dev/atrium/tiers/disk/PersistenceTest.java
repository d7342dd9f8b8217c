package dev.atrium.tiers.disk;

import dev.atrium.tiers.FakeTicker;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.Ticker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A persistent tier: what a clean close keeps, and deadlines across restarts. */
class PersistenceTest {
  @TempDir
  Path dir;

  private final AtomicLong wall = new AtomicLong(1_700_000_000_000_000_000L);

  private DiskTier open(FakeTicker ticker, long budget) {
    return open(ticker, budget, wall::get);
  }

  private DiskTier open(FakeTicker ticker, long budget, WallClock wallClock) {
    return DiskTiers.open(DiskTierConfig.builder(dir)
        .persistent(true)
        .budgetBytes(budget)
        .setBytes(4 << 10)
        .ticker(ticker)
        .wallClock(wallClock)
        .build());
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void cleanCloseKeepsEveryEntry() {
    FakeTicker ticker = new FakeTicker(0);
    byte[] big = new byte[100_000];
    new Random(3).nextBytes(big);
    try (DiskTier tier = open(ticker, 8L << 20)) {
      for (int i = 0; i < 2_000; i++) {
        tier.store(b("k" + i), b("v" + i), Ticker.NEVER);
      }
      for (int i = 0; i < 2_000; i += 4) {
        tier.invalidate(b("k" + i));
      }
      tier.store(b("big"), big, Ticker.NEVER);
    }
    try (DiskTier tier = open(new FakeTicker(77), 8L << 20)) {
      for (int i = 0; i < 2_000; i++) {
        DiskEntry e = tier.load(b("k" + i));
        if (i % 4 == 0) {
          assertNull(e, "k" + i);
        } else {
          assertNotNull(e, "k" + i);
          assertEquals("v" + i, new String(e.value(), StandardCharsets.UTF_8));
        }
      }
      assertArrayEquals(big, tier.load(b("big")).value());
      assertEquals(0, tier.stats().corrupt());
    }
  }

  @Test
  void deadlinesKeepTheirWallClockInstantAcrossARestart() {
    FakeTicker first = new FakeTicker(123_456_789L);
    try (DiskTier tier = open(first, 4L << 20)) {
      tier.store(b("k"), b("v"), first.read() + 10_000_000_000L);
    }
    wall.addAndGet(4_000_000_000L); // four seconds pass while the tier is down
    FakeTicker second = new FakeTicker(-987_654_321_000L); // another origin
    try (DiskTier tier = open(second, 4L << 20)) {
      DiskEntry e = tier.load(b("k"));
      assertNotNull(e);
      assertEquals(second.read() + 6_000_000_000L, e.deadline());
      second.advance(6_000_000_000L);
      assertNull(tier.load(b("k")));
    }
  }

  @Test
  void anotherLayoutStartsEmpty() {
    try (DiskTier tier = open(new FakeTicker(0), 4L << 20)) {
      tier.store(b("k"), b("v"), Ticker.NEVER);
    }
    try (DiskTier tier = open(new FakeTicker(0), 64L << 20)) {
      assertNull(tier.load(b("k")));
    }
  }

  /** Random operations against a HashMap, closing and reopening in between. */
  @Test
  void randomOperationsMatchAModelAcrossReopens() {
    checkAgainstModel(8L << 20, true, 11);
  }

  /** The same with a budget too small for the keys: entries may vanish, never be wrong. */
  @Test
  void randomOperationsUnderEvictionNeverReturnAWrongValue() {
    checkAgainstModel(1L << 20, false, 12);
  }

  private void checkAgainstModel(long budget, boolean exact, long seed) {
    Random random = new Random(seed);
    FakeTicker ticker = new FakeTicker(0);
    Map<String, String> model = new HashMap<>();
    Map<String, Long> deadlines = new HashMap<>();
    WallClock wallClock = () -> 1_700_000_000_000_000_000L + ticker.read();
    DiskTier tier = open(ticker, budget, wallClock);
    try {
      for (int op = 0; op < 30_000; op++) {
        String key = "key-" + random.nextInt(exact ? 2_000 : 20_000);
        int dice = random.nextInt(100);
        if (dice < 45) {
          String value = key + "@" + op + "#".repeat(random.nextInt(exact ? 200 : 400));
          long deadline = random.nextInt(10) == 0 ? ticker.read() + 1_000 : Ticker.NEVER;
          tier.store(b(key), b(value), deadline);
          model.put(key, value);
          deadlines.put(key, deadline);
        } else if (dice < 55) {
          tier.invalidate(b(key));
          model.remove(key);
        } else if (dice < 97) {
          DiskEntry e = tier.load(b(key));
          String expected = model.get(key);
          if (expected != null && Ticker.isExpired(deadlines.get(key), ticker.read())) {
            expected = null;
          }
          String actual = e == null ? null : new String(e.value(), StandardCharsets.UTF_8);
          if (exact || actual != null) {
            assertEquals(expected, actual, "op " + op + " " + key);
          }
        } else if (dice < 98) {
          ticker.advance(random.nextInt(600));
        } else if (dice < 99 && random.nextInt(20) == 0) {
          tier.close();
          tier = open(ticker, budget, wallClock);
        }
      }
      DiskTierStats stats = tier.stats();
      assertEquals(0, stats.corrupt());
      assertEquals(0, stats.ioErrors());
      if (!exact) {
        assertTrue(stats.trims() > 0);
      }
    } finally {
      tier.close();
    }
  }
}
