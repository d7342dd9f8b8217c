package dev.atrium.tiers.memory;

import dev.atrium.tiers.FakeTicker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.atrium.tiers.Ticker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link MemoryTier} contract, run once per eviction policy by a subclass that names it. After
 * each test, every tier the test made is checked for integrity (for the sharded policies, through
 * their test-only view) and every removal must have been reported exactly once.
 */
abstract class MemoryTierContractTest {
  private static final long SECOND = 1_000_000_000L;

  protected final FakeTicker ticker = new FakeTicker();
  protected final RecordingListener<String, String> listener = new RecordingListener<>();
  private final List<MemoryTier<String, String>> made = new ArrayList<>();

  /** The policy under test. */
  protected abstract EvictionPolicy policy();

  /** Whether writes reclaim expired entries without cleanUp() (W-TinyLFU leaves it to Caffeine). */
  protected boolean reclaimsExpiredOnWrite() {
    return true;
  }

  /** A tier of the policy under test with the test's clock and listener, bounded by {@code entries}. */
  protected MemoryTier<String, String> newTier(long entries) {
    return newTier(b -> b.maximumSize(entries));
  }

  protected MemoryTier<String, String> newTier(UnaryOperator<MemoryTierConfig.Builder<String, String>> shape) {
    MemoryTierConfig.Builder<String, String> builder = MemoryTierConfig.<String, String>builder()
        .policy(policy()).ticker(ticker).removalListener(listener);
    MemoryTier<String, String> tier = MemoryTiers.create(shape.apply(builder).build());
    made.add(tier);
    return tier;
  }

  /** Weight = value length. */
  protected MemoryTier<String, String> newWeightedTier(long weight) {
    return newTier(b -> b.maximumWeight(weight, (key, value) -> value.length()));
  }

  @AfterEach
  void checkIntegrity() {
    for (MemoryTier<String, String> tier : made) {
      if (tier instanceof ShardedMemoryTier<String, String> sharded) {
        sharded.checkIntegrity();
      }
      assertTrue(tier.weightedSize() <= tier.capacity(), "over the bound: " + tier.weightedSize());
    }
    listener.assertEachOnce();
  }

  @Test
  void aCapacityVictimStaysReadableUntilItsListenerHasTakenIt() {
    // The hybrid store's listener queues the victim for disk. A reader that found the key in
    // neither memory nor that queue would read disk, which may hold an older value.
    List<String> seenDuringReport = new ArrayList<>();
    List<MemoryTier<String, String>> self = new ArrayList<>();
    self.add(newTier(b -> b.maximumSize(1).removalListener((entry, cause) -> {
      MemoryEntry<String, String> visible = self.get(0).peek(entry.key());
      seenDuringReport.add(cause + " " + entry.key() + " visible as " + (visible == null ? null : visible.value()));
    })));
    MemoryTier<String, String> tier = self.get(0);
    tier.put("a", "a", Ticker.NEVER);
    tier.put("b", "b", Ticker.NEVER);
    tier.cleanUp();
    assertEquals(1, seenDuringReport.size(), seenDuringReport.toString());
    String report = seenDuringReport.get(0);
    String key = report.split(" ")[1];
    assertEquals("CAPACITY " + key + " visible as " + key, report);
    assertNull(tier.peek(key));
  }

  @Test
  void getAndPeekOfAbsentKeyAreNull() {
    MemoryTier<String, String> tier = newTier(10);
    assertNull(tier.get("a"));
    assertNull(tier.peek("a"));
    assertEquals(0, tier.size());
  }

  @Test
  void putPersistedMarksTheEntryUntilItsDeadlineMoves() {
    MemoryTier<String, String> tier = newTier(10);
    tier.compute("a", slot -> {
      slot.putPersisted("1", 5 * SECOND);
      return null;
    });
    tier.compute("b", slot -> {
      slot.putPersisted("2", Ticker.NEVER);
      slot.renew(9 * SECOND);
      return null;
    });
    tier.compute("c", slot -> {
      slot.put("3", Ticker.NEVER);
      return null;
    });
    MemoryEntry<String, String> a = tier.peek("a");
    assertTrue(a.isPersisted(), "promoted unchanged");
    assertFalse(tier.peek("b").isPersisted(), "its deadline is not the lower tier's");
    assertFalse(tier.peek("c").isPersisted(), "a plain put");
    assertTrue(tier.renew(a, 7 * SECOND));
    assertFalse(tier.peek("a").isPersisted(), "renewed: the lower tier's copy expires earlier");
    tier.compute("a", slot -> {
      slot.put("1b", Ticker.NEVER);
      return null;
    });
    assertFalse(tier.peek("a").isPersisted(), "a new value");
  }

  @Test
  void putThenGetReturnsTheEntry() {
    MemoryTier<String, String> tier = newTier(10);
    assertNull(tier.put("a", "1", Ticker.NEVER));
    MemoryEntry<String, String> entry = tier.get("a");
    assertEquals("a", entry.key());
    assertEquals("1", entry.value());
    assertEquals(1, entry.weight());
    assertEquals(Ticker.NEVER, entry.deadline());
    assertSame(entry, tier.peek("a"));
    assertEquals(1, tier.size());
    assertEquals(1, tier.weightedSize());
    assertEquals(10, tier.capacity());
  }

  @Test
  void putOverALiveEntryReturnsItWithoutReportingIt() {
    MemoryTier<String, String> tier = newTier(10);
    tier.put("a", "1", Ticker.NEVER);
    MemoryEntry<String, String> previous = tier.put("a", "2", Ticker.NEVER);
    assertEquals("1", previous.value());
    assertEquals("2", tier.get("a").value());
    assertEquals(1, tier.size());
    assertTrue(listener.removals().isEmpty());
  }

  @Test
  void setReplacesInPlaceOrInsertsLikePutAndReportsNothingLive() {
    MemoryTier<String, String> tier = newTier(10);
    tier.set("a", "1", Ticker.NEVER);
    tier.set("a", "2", Ticker.NEVER);
    assertEquals("2", tier.get("a").value());
    tier.set("b", "3", ticker.in(SECOND));
    assertEquals(ticker.in(SECOND), tier.peek("b").deadline());
    assertEquals(2, tier.size());
    assertTrue(listener.removals().isEmpty());
  }

  @Test
  void setOverAnExpiredEntryReportsItExpired() {
    MemoryTier<String, String> tier = newTier(10);
    tier.put("a", "1", ticker.in(SECOND));
    ticker.advance(SECOND);
    tier.set("a", "2", Ticker.NEVER);
    assertEquals("2", tier.get("a").value());
    assertEquals(List.of("a"), listener.keys(RemovalCause.EXPIRED));
    assertEquals(1, listener.removals().size());
  }

  /** A tier told that nothing expires (an eternal JCache cache) still bounds and reports victims. */
  @Test
  void aNonExpiringTierEvictsThroughSetAndPut() {
    MemoryTier<String, String> tier = newTier(b -> b.maximumSize(4).shards(1).expiring(false));
    for (int i = 0; i < 20; i++) {
      if (i % 2 == 0) {
        tier.set("k" + i, "v" + i, Ticker.NEVER);
      } else {
        tier.put("k" + i, "v" + i, Ticker.NEVER);
      }
      if (tier instanceof ShardedMemoryTier) { // W-TinyLFU's admission may refuse a newcomer
        assertEquals("v" + i, tier.peek("k" + i).value(), "a newcomer is never its own victim");
      }
    }
    tier.cleanUp();
    assertEquals(4, tier.size());
    assertEquals(16, listener.keys(RemovalCause.CAPACITY).size());
  }

  @Test
  void removeReturnsAndReportsTheEntryOnce() {
    MemoryTier<String, String> tier = newTier(10);
    tier.put("a", "1", Ticker.NEVER);
    MemoryEntry<String, String> removed = tier.remove("a");
    assertEquals("1", removed.value());
    assertNull(tier.remove("a"));
    assertNull(tier.get("a"));
    assertEquals(0, tier.size());
    assertEquals(List.of("a"), listener.keys(RemovalCause.EXPLICIT));
  }

  @Test
  void computePutsKeepsRenewsAndRemoves() {
    MemoryTier<String, String> tier = newTier(10);
    assertEquals("absent", tier.compute("a", slot -> {
      assertNull(slot.current());
      slot.put("1", ticker.in(10 * SECOND));
      return "absent";
    }));
    assertEquals("1", tier.get("a").value());

    assertEquals("1", tier.compute("a", slot -> slot.current().value()));
    assertEquals("1", tier.get("a").value());

    long later = ticker.in(100 * SECOND);
    tier.compute("a", slot -> {
      slot.renew(later);
      return null;
    });
    assertEquals(later, tier.get("a").deadline());
    assertEquals("1", tier.get("a").value());

    tier.compute("a", slot -> {
      slot.remove();
      return null;
    });
    assertNull(tier.get("a"));
    assertEquals(0, tier.size());
    assertEquals(List.of("a"), listener.keys(RemovalCause.EXPLICIT));
  }

  @Test
  void computeThatRemovesAnAbsentKeyReportsNothing() {
    MemoryTier<String, String> tier = newTier(10);
    tier.compute("a", slot -> {
      slot.remove();
      return null;
    });
    assertTrue(listener.removals().isEmpty());
  }

  @Test
  void computeSeesAnExpiredEntryAsAbsentAndReportsItExpired() {
    MemoryTier<String, String> tier = newTier(10);
    tier.put("a", "1", ticker.in(SECOND));
    ticker.advance(SECOND);
    tier.compute("a", slot -> {
      assertNull(slot.current());
      slot.put("2", Ticker.NEVER);
      return null;
    });
    assertEquals("2", tier.get("a").value());
    assertEquals(List.of("a"), listener.keys(RemovalCause.EXPIRED));
    assertEquals(1, listener.removals().size());
  }

  @Test
  void computeThatThrowsChangesNothing() {
    MemoryTier<String, String> tier = newTier(10);
    tier.put("a", "1", Ticker.NEVER);
    assertThrows(IllegalStateException.class, () -> tier.compute("a", slot -> {
      slot.put("2", Ticker.NEVER);
      throw new IllegalStateException("boom");
    }));
    assertEquals("1", tier.get("a").value());
    assertTrue(listener.removals().isEmpty());
  }

  @Test
  void renewMovesTheDeadlineOfTheLiveEntryOnly() {
    MemoryTier<String, String> tier = newTier(10);
    tier.put("a", "1", ticker.in(SECOND));
    MemoryEntry<String, String> first = tier.get("a");
    assertTrue(tier.renew(first, ticker.in(10 * SECOND)));
    ticker.advance(2 * SECOND);
    MemoryEntry<String, String> renewed = tier.get("a");
    assertNotNull(renewed, "renewed entry expired at its old deadline");
    assertEquals("1", renewed.value());

    tier.put("a", "2", Ticker.NEVER);
    assertFalse(tier.renew(renewed, ticker.in(SECOND)), "renewed a replaced entry");
    assertEquals(Ticker.NEVER, tier.get("a").deadline());
    MemoryEntry<String, String> current = tier.get("a");
    tier.remove("a");
    assertFalse(tier.renew(current, ticker.in(SECOND)), "renewed a removed entry");
  }

  @Test
  void anExpiredEntryIsNeverReturnedAndIsReportedOnce() {
    MemoryTier<String, String> tier = newTier(10);
    tier.put("a", "1", ticker.in(SECOND));
    tier.put("b", "2", ticker.in(SECOND));
    ticker.advance(SECOND - 1);
    assertNotNull(tier.get("a"));
    ticker.advance(1);
    assertNull(tier.get("a"));
    assertNull(tier.get("a"));
    assertNull(tier.peek("b"));
    assertNull(tier.peek("b"));
    assertEquals(Set.of("a", "b"), new HashSet<>(listener.keys(RemovalCause.EXPIRED)));
    assertEquals(2, listener.removals().size());
    assertEquals(0, tier.size());
  }

  @Test
  void putAndRemoveOverAnExpiredEntryReturnNullAndReportItExpired() {
    MemoryTier<String, String> tier = newTier(10);
    tier.put("a", "1", ticker.in(SECOND));
    tier.put("b", "1", ticker.in(SECOND));
    ticker.advance(SECOND);
    assertNull(tier.put("a", "2", Ticker.NEVER));
    assertNull(tier.remove("b"));
    assertEquals("2", tier.get("a").value());
    assertEquals(Set.of("a", "b"), new HashSet<>(listener.keys(RemovalCause.EXPIRED)));
    assertEquals(2, listener.removals().size());
  }

  @Test
  void iteratorShowsLiveEntriesOnlyAndSupportsRemove() {
    MemoryTier<String, String> tier = newTier(10);
    tier.put("a", "1", Ticker.NEVER);
    tier.put("b", "2", ticker.in(SECOND));
    tier.put("c", "3", Ticker.NEVER);
    ticker.advance(SECOND);
    Set<String> seen = new HashSet<>();
    for (Iterator<MemoryEntry<String, String>> it = tier.iterator(); it.hasNext(); ) {
      MemoryEntry<String, String> entry = it.next();
      seen.add(entry.key());
      if (entry.key().equals("a")) {
        it.remove();
        assertThrows(IllegalStateException.class, it::remove);
      }
    }
    assertEquals(Set.of("a", "c"), seen);
    assertNull(tier.get("a"));
    assertEquals("3", tier.get("c").value());
    assertEquals(List.of("a"), listener.keys(RemovalCause.EXPLICIT));
    assertEquals(List.of("b"), listener.keys(RemovalCause.EXPIRED));
  }

  @Test
  void anExhaustedIteratorStaysExhausted() {
    MemoryTier<String, String> tier = newTier(10);
    tier.put("a", "1", Ticker.NEVER);
    Iterator<MemoryEntry<String, String>> it = tier.iterator();
    assertEquals("a", it.next().key());
    assertFalse(it.hasNext());
    assertFalse(it.hasNext());
    assertThrows(java.util.NoSuchElementException.class, it::next);
  }

  @Test
  void boundByCountHoldsAndReportsEachVictimOnce() {
    MemoryTier<String, String> tier = newTier(10);
    for (int i = 0; i < 100; i++) {
      tier.put("k" + i, "v", Ticker.NEVER);
      assertTrue(tier.size() <= 10, "size " + tier.size() + " after " + (i + 1) + " puts");
    }
    tier.cleanUp();
    assertEquals(10, tier.size());
    assertEquals(90, listener.count(RemovalCause.CAPACITY));
    int live = 0;
    for (MemoryEntry<String, String> entry : tier) {
      assertFalse(listener.wasReported(entry), entry + " is both live and reported");
      live++;
    }
    assertEquals(10, live);
  }

  @Test
  void aTierOfCapacityZeroHoldsNothing() {
    MemoryTier<String, String> tier = newTier(0);
    tier.put("a", "1", Ticker.NEVER);
    tier.cleanUp();
    assertNull(tier.get("a"));
    assertEquals(0, tier.size());
    assertEquals(List.of("a"), listener.keys(RemovalCause.CAPACITY));
  }

  @Test
  void boundByWeightHolds() {
    MemoryTier<String, String> tier = newWeightedTier(100);
    for (int i = 0; i < 200; i++) {
      tier.put("k" + i, "x".repeat(i % 17), Ticker.NEVER);
      assertTrue(tier.weightedSize() <= 100, "weight " + tier.weightedSize() + " after " + (i + 1) + " puts");
    }
    tier.cleanUp();
    long weight = 0;
    for (MemoryEntry<String, String> entry : tier) {
      assertEquals(entry.value().length(), entry.weight());
      weight += entry.weight();
    }
    assertEquals(weight, tier.weightedSize());
    assertTrue(listener.count(RemovalCause.CAPACITY) > 0);
  }

  @Test
  void heavierReplacementStaysWithinTheWeight() {
    MemoryTier<String, String> tier = newWeightedTier(10);
    tier.put("a", "xxx", Ticker.NEVER);
    tier.put("b", "xxx", Ticker.NEVER);
    tier.put("c", "xxx", Ticker.NEVER);
    tier.put("a", "xxxxxxx", Ticker.NEVER);
    tier.cleanUp();
    assertTrue(tier.weightedSize() <= 10, "weight " + tier.weightedSize());
  }

  @Test
  void anOversizedEntryIsRefusedAndTheOlderValueIsGone() {
    MemoryTier<String, String> tier = newWeightedTier(10);
    tier.put("a", "small", Ticker.NEVER);
    tier.put("b", "small", Ticker.NEVER);
    tier.put("a", "x".repeat(11), Ticker.NEVER);
    assertNull(tier.get("a"));
    assertEquals("small", tier.get("b").value());
    assertEquals(List.of("a"), listener.keys(RemovalCause.OVERSIZED));
    assertEquals("x".repeat(11), listener.removals().get(0).entry().value());
    tier.cleanUp();
    assertEquals(1, tier.size());
    assertEquals(5, tier.weightedSize());
  }

  @Test
  void computeOfAnOversizedValueIsRefusedAndTheOlderValueIsGone() {
    MemoryTier<String, String> tier = newWeightedTier(10);
    tier.put("a", "small", Ticker.NEVER);
    tier.compute("a", slot -> {
      slot.put("x".repeat(11), Ticker.NEVER);
      return null;
    });
    assertNull(tier.get("a"));
    assertEquals(List.of("a"), listener.keys(RemovalCause.OVERSIZED));
    assertEquals(0, tier.size());
  }

  @Test
  void anEntryAsHeavyAsTheWholeCapacityIsAdmitted() {
    MemoryTier<String, String> tier = newWeightedTier(10);
    tier.put("a", "x".repeat(10), Ticker.NEVER);
    assertEquals(10, tier.get("a").weight());
    assertTrue(listener.removals().isEmpty());
  }

  @Test
  void clearRemovesEverythingWithoutReports() {
    MemoryTier<String, String> tier = newTier(10);
    for (int i = 0; i < 5; i++) {
      tier.put("k" + i, "v", Ticker.NEVER);
    }
    tier.clear();
    assertEquals(0, tier.size());
    assertEquals(0, tier.weightedSize());
    assertNull(tier.get("k0"));
    assertFalse(tier.iterator().hasNext());
    assertTrue(listener.removals().isEmpty());
    tier.put("k0", "again", Ticker.NEVER);
    assertEquals("again", tier.get("k0").value());
  }

  @Test
  void cleanUpReclaimsExpiredEntriesWithoutCapacityPressure() {
    MemoryTier<String, String> tier = newTier(100);
    for (int i = 0; i < 10; i++) {
      tier.put("k" + i, "v", i % 2 == 0 ? ticker.in(SECOND) : Ticker.NEVER);
    }
    ticker.advance(SECOND);
    tier.cleanUp();
    assertEquals(5, tier.size());
    assertEquals(Set.of("k0", "k2", "k4", "k6", "k8"), new HashSet<>(listener.keys(RemovalCause.EXPIRED)));
    assertEquals(5, listener.removals().size());
  }

  @Test
  void writesReclaimTheOldestExpiredEntriesWithoutCleanUp() {
    assumeTrue(reclaimsExpiredOnWrite());
    MemoryTier<String, String> tier = newTier(100);
    tier.put("a", "v", ticker.in(SECOND));
    tier.put("b", "v", ticker.in(SECOND));
    ticker.advance(SECOND);
    tier.put("c", "v", Ticker.NEVER);
    assertEquals(Set.of("a", "b"), new HashSet<>(listener.keys(RemovalCause.EXPIRED)));
    assertEquals(1, tier.size());
  }

  @Test
  void closeEmptiesTheTier() {
    MemoryTier<String, String> tier = newTier(10);
    tier.put("a", "1", Ticker.NEVER);
    tier.close();
    assertEquals(0, tier.size());
  }

  @Test
  void manyShardsStillBoundTheWholeTier() {
    MemoryTier<String, String> tier = newTier(b -> b.maximumSize(1000).shards(8));
    for (int i = 0; i < 5000; i++) {
      tier.put("k" + i, "v", Ticker.NEVER);
    }
    tier.cleanUp();
    assertTrue(tier.size() <= 1000);
    assertTrue(tier.size() > 900, "sharded tier holds only " + tier.size());
    assertEquals(5000 - tier.size(), listener.count(RemovalCause.CAPACITY));
  }
}
