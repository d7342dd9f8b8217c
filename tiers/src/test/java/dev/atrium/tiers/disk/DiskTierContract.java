package dev.atrium.tiers.disk;

import dev.atrium.tiers.FakeTicker;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.Ticker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every disk tier keeps (see {@link DiskTier}). A subclass says how to open one;
 * after each test the tier must not have seen a corrupt record or an I/O error.
 */
abstract class DiskTierContract {
  @TempDir
  Path dir;
  FakeTicker ticker;
  DiskTier tier;

  /** Opens the tier under test with {@code config}. */
  protected abstract DiskTier open(DiskTierConfig config);

  /** A small configuration: 4 MiB budget, 4 KiB sets. */
  protected DiskTierConfig.Builder config() {
    return DiskTierConfig.builder(dir.resolve("tier"))
        .budgetBytes(4L << 20)
        .setBytes(4 << 10)
        .ticker(ticker);
  }

  @BeforeEach
  void openTier() {
    ticker = new FakeTicker(-5_000_000_000L);
    tier = open(config().build());
  }

  @AfterEach
  void closeTier() {
    if (tier != null) {
      DiskTierStats stats = tier.stats();
      tier.close();
      assertEquals(0, stats.corrupt(), "corrupt records");
      assertEquals(0, stats.ioErrors(), "I/O errors");
    }
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String s(DiskEntry e) {
    return e == null ? null : new String(e.value(), StandardCharsets.UTF_8);
  }

  @Test
  void storedEntryLoadsWithItsDeadline() {
    long deadline = ticker.read() + 1_000_000;
    tier.store(b("k"), b("v"), deadline);
    DiskEntry e = tier.load(b("k"));
    assertNotNull(e);
    assertArrayEquals(b("v"), e.value());
    assertEquals(deadline, e.deadline());
    assertTrue(tier.mayContain(b("k")));
    tier.store(b("n"), b("v"), Ticker.NEVER);
    assertEquals(Ticker.NEVER, tier.load(b("n")).deadline());
  }

  @Test
  void absentKeyIsAMissWithoutIo() {
    assertNull(tier.load(b("nothing")));
    assertFalse(tier.mayContain(b("nothing")));
    DiskTierStats stats = tier.stats();
    assertEquals(1, stats.misses());
    assertEquals(1, stats.filterSkips());
  }

  @Test
  void newestStoreWins() {
    for (int i = 0; i < 10; i++) {
      tier.store(b("k"), b("v" + i), Ticker.NEVER);
      assertEquals("v" + i, s(tier.load(b("k"))));
    }
  }

  @Test
  void invalidateMakesEveryVersionUnreachable() {
    tier.store(b("k"), b("v1"), Ticker.NEVER);
    tier.store(b("k"), b("v2"), Ticker.NEVER);
    tier.invalidate(b("k"));
    assertNull(tier.load(b("k")));
    tier.invalidate(b("never-stored"));
    tier.store(b("k"), b("v3"), Ticker.NEVER);
    assertEquals("v3", s(tier.load(b("k"))));
  }

  @Test
  void expiredEntryIsAMissEverywhere() {
    tier.store(b("k"), b("v"), ticker.read() + 100);
    tier.store(b("forever"), b("v"), Ticker.NEVER);
    ticker.advance(99);
    assertEquals("v", s(tier.load(b("k"))));
    ticker.advance(1);
    assertNull(tier.load(b("k")));
    try (DiskCursor c = tier.entries()) {
      List<String> keys = new ArrayList<>();
      c.forEachRemaining(e -> keys.add(new String(e.key(), StandardCharsets.UTF_8)));
      assertEquals(List.of("forever"), keys);
    }
  }

  @Test
  void storingAnExpiredEntryRemovesTheOlderOne() {
    tier.store(b("k"), b("v"), Ticker.NEVER);
    tier.store(b("k"), b("late"), ticker.read());
    assertNull(tier.load(b("k")));
  }

  @Test
  void largeValuesRoundTripAndNeverShadowNewerOnes() {
    byte[] big = new byte[200_000];
    new Random(1).nextBytes(big);
    tier.store(b("k"), big, Ticker.NEVER);
    assertArrayEquals(big, tier.load(b("k")).value());
    tier.store(b("k"), b("small"), Ticker.NEVER);
    assertEquals("small", s(tier.load(b("k"))));
    tier.store(b("k"), big, Ticker.NEVER);
    assertArrayEquals(big, tier.load(b("k")).value());
    tier.invalidate(b("k"));
    assertNull(tier.load(b("k")));
  }

  @Test
  void oversizedValueIsDroppedAndHidesTheOlderOne() {
    tier.store(b("k"), b("v"), Ticker.NEVER);
    tier.store(b("k"), new byte[8 << 20], Ticker.NEVER);
    assertNull(tier.load(b("k")));
    assertEquals(1, tier.stats().dropped());
  }

  @Test
  void clearRemovesEverything() {
    for (int i = 0; i < 100; i++) {
      tier.store(b("k" + i), b("v" + i), Ticker.NEVER);
    }
    tier.store(b("big"), new byte[100_000], Ticker.NEVER);
    tier.clear();
    for (int i = 0; i < 100; i++) {
      assertNull(tier.load(b("k" + i)));
    }
    assertNull(tier.load(b("big")));
    try (DiskCursor c = tier.entries()) {
      assertFalse(c.hasNext());
    }
    tier.store(b("k1"), b("again"), Ticker.NEVER);
    assertEquals("again", s(tier.load(b("k1"))));
  }

  @Test
  void cursorSeesEachLiveEntryOnce() {
    Map<String, String> model = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      tier.store(b("k" + i), b("v" + i), Ticker.NEVER);
      model.put("k" + i, "v" + i);
    }
    tier.store(b("big"), new byte[50_000], Ticker.NEVER);
    for (int i = 0; i < 300; i += 3) {
      tier.invalidate(b("k" + i));
      model.remove("k" + i);
    }
    Map<String, String> seen = new HashMap<>();
    try (DiskCursor c = tier.entries()) {
      c.forEachRemaining(e -> assertNull(
          seen.put(new String(e.key(), StandardCharsets.UTF_8), s(e))));
    }
    assertEquals(50_000, seen.remove("big").length());
    assertEquals(model, seen);
  }

  @Test
  void staysWithinBudgetAndKeepsTheNewestOfEachSet() {
    byte[] value = new byte[100];
    int n = 100_000; // ~13 MB of records into a 4 MiB budget
    for (int i = 0; i < n; i++) {
      tier.store(b("key-" + i), value, Ticker.NEVER);
    }
    DiskTierStats stats = tier.stats();
    assertTrue(stats.trims() > 0);
    assertTrue(stats.evicted() > n / 2, "evicted " + stats.evicted());
    int recent = 0;
    for (int i = n - 200; i < n; i++) {
      recent += tier.load(b("key-" + i)) != null ? 1 : 0;
    }
    assertEquals(200, recent, "the newest entries survive");
    int resident = 0;
    try (DiskCursor c = tier.entries()) {
      while (c.hasNext()) {
        c.next();
        resident++;
      }
    }
    long logical = (long) resident * (value.length + 10 + 23);
    assertTrue(logical <= 4L << 20, "resident " + resident);
    assertTrue(resident > 5_000, "resident " + resident); // at least a quarter of the budget
  }

  @Test
  void filterScreensMostMisses() {
    for (int i = 0; i < 20_000; i++) {
      tier.store(b("present-" + i), b("v"), Ticker.NEVER);
    }
    int maybe = 0;
    for (int i = 0; i < 20_000; i++) {
      maybe += tier.mayContain(b("absent-" + i)) ? 1 : 0;
      assertNull(tier.load(b("absent-" + i)));
    }
    assertTrue(maybe < 20_000 / 10, "false positives " + maybe);
  }

  @Test
  void concurrentWritersNeverSeeAnOlderValue() throws Exception {
    int threads = 4;
    int opsPerThread = 5_000;
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    Map<String, Integer> lastWritten = new ConcurrentHashMap<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread worker = new Thread(() -> {
        Random random = new Random(id);
        Map<String, Integer> mine = new HashMap<>();
        try {
          start.await();
          for (int i = 0; i < opsPerThread; i++) {
            String key = id + "-" + random.nextInt(200);
            int op = random.nextInt(10);
            if (op < 5) {
              tier.store(b(key), b(Integer.toString(i)), Ticker.NEVER);
              mine.put(key, i);
            } else if (op < 6) {
              tier.invalidate(b(key));
              mine.put(key, -1);
            } else {
              String v = s(tier.load(b(key)));
              Integer expected = mine.get(key);
              if (v != null && (expected == null || Integer.parseInt(v) != expected)) {
                throw new AssertionError(key + " read " + v + ", last wrote " + expected);
              }
            }
          }
          lastWritten.putAll(mine);
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      });
      workers.add(worker);
      worker.start();
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    assertFalse(lastWritten.isEmpty());
  }

  @Test
  void closedTierRefusesOperations() {
    tier.close();
    assertThrows(IllegalStateException.class, () -> tier.load(b("k")));
    assertThrows(IllegalStateException.class, () -> tier.store(b("k"), b("v"), Ticker.NEVER));
    assertThrows(IllegalStateException.class, () -> tier.invalidate(b("k")));
    tier.close();
    tier = null;
  }

  @Test
  void secondOpenerGetsAClearError() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> open(config().build()));
    assertTrue(e.getMessage().contains("already in use"), e.getMessage());
  }

  @Test
  void notPersistentStartsEmpty() {
    tier.store(b("k"), b("v"), Ticker.NEVER);
    tier.close();
    tier = open(config().build());
    assertNull(tier.load(b("k")));
  }

  @Test
  void nullArgumentsAreRefused() {
    assertThrows(NullPointerException.class, () -> tier.load(null));
    assertThrows(NullPointerException.class, () -> tier.store(b("k"), null, Ticker.NEVER));
  }

  @Test
  void manyKeysNeverReadAsAnother() {
    Set<String> stored = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      tier.store(b("k" + i), b("k" + i), Ticker.NEVER);
      stored.add("k" + i);
    }
    for (String k : stored) {
      String v = s(tier.load(b(k)));
      assertTrue(v == null || v.equals(k), k + " -> " + v);
    }
  }
}
