package dev.atrium.tiers.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.FakeTicker;
import dev.atrium.tiers.Ticker;
import dev.atrium.tiers.memory.EvictionPolicy;
import dev.atrium.tiers.memory.MemoryEntry;
import dev.atrium.tiers.memory.RemovalCause;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HybridStoreTest {
  private static final Duration FLUSH = Duration.ofSeconds(10);

  @TempDir
  Path directory;

  @ParameterizedTest
  @EnumSource(EvictionPolicy.class)
  void whatMemoryEvictsIsServedFromDiskAndPromoted(EvictionPolicy policy) {
    try (HybridStore<String, String> store = HybridStores.open(directory, 16, policy)) {
      for (int i = 0; i < 500; i++) {
        store.put("k" + i, "v" + i, Ticker.NEVER);
      }
      assertTrue(store.flush(FLUSH));
      assertTrue(store.size() <= 16, "memory stays within its bound");
      for (int i = 0; i < 500; i++) {
        MemoryEntry<String, String> entry = store.get("k" + i);
        assertNotNull(entry, "k" + i + " is on disk");
        assertEquals("v" + i, entry.value());
      }
      HybridStats stats = store.stats();
      assertTrue(stats.diskHits() + stats.pendingHits() >= 484, stats.toString());
      assertEquals(0, stats.dropped());
    }
  }

  @ParameterizedTest
  @EnumSource(EvictionPolicy.class)
  void anEntryPromotedUnchangedIsNotWrittenAgainWhenEvicted(EvictionPolicy policy) {
    try (HybridStore<String, String> store = HybridStores.open(directory, 8, policy)) {
      for (int i = 0; i < 200; i++) {
        store.put("k" + i, "v" + i, Ticker.NEVER);
      }
      assertTrue(store.flush(FLUSH));
      long writtenAfterLoad = store.stats().written();
      // two passes over keys that do not fit: each read promotes a disk copy and evicts another
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < 200; i++) {
          assertEquals("v" + i, store.get("k" + i).value());
        }
      }
      assertTrue(store.flush(FLUSH));
      HybridStats stats = store.stats();
      assertTrue(stats.diskHits() >= 2 * (200 - 8) - 8, stats.toString());
      // only what had not reached disk before the reads (at most memory's 8) may be written now
      assertTrue(stats.written() - writtenAfterLoad <= 8, stats.toString());
    }
  }

  @Test
  void aPutHidesTheDiskCopyBeforeItReturns() {
    try (HybridStore<String, String> store = HybridStores.open(directory, 4, EvictionPolicy.FIFO)) {
      store.put("k", "old", Ticker.NEVER);
      for (int i = 0; i < 10; i++) {
        store.put("filler" + i, "x", Ticker.NEVER);
      }
      assertTrue(store.flush(FLUSH));
      assertNull(store.peek("k") == null ? null : (store.peek("k").value().equals("old") ? null : "?"));
      store.put("k", "new", Ticker.NEVER);
      assertEquals("new", store.get("k").value());
      // push "new" down as well, then remove: neither version may come back
      for (int i = 10; i < 20; i++) {
        store.put("filler" + i, "x", Ticker.NEVER);
      }
      assertTrue(store.flush(FLUSH));
      assertEquals("new", store.peek("k").value());
      assertEquals("new", store.remove("k").value());
      assertNull(store.get("k"));
      assertNull(store.peek("k"));
      for (int i = 20; i < 40; i++) {
        store.put("filler" + i, "x", Ticker.NEVER);
      }
      assertTrue(store.flush(FLUSH));
      assertNull(store.get("k"));
    }
  }

  @Test
  void computeSeesTheEntryOnDisk() {
    try (HybridStore<String, String> store = HybridStores.open(directory, 2, EvictionPolicy.LRU)) {
      store.put("k", "on-disk", Ticker.NEVER);
      store.put("a", "x", Ticker.NEVER);
      store.put("b", "x", Ticker.NEVER);
      store.put("c", "x", Ticker.NEVER);
      assertTrue(store.flush(FLUSH));
      String seen = store.compute("k", slot -> slot.current() == null ? null : slot.current().value());
      assertEquals("on-disk", seen);
      boolean absent = store.compute("k", slot -> slot.current() == null);
      assertEquals(false, absent, "putIfAbsent-style logic must see the disk entry");
    }
  }

  @Test
  void expiredEntriesAreMissesInEveryTier() {
    FakeTicker ticker = new FakeTicker();
    try (HybridStore<String, String> store = HybridStore.open(HybridStores.config(directory, 2,
        EvictionPolicy.FIFO, ticker, (entry, cause) -> { }).build(), "test")) {
      store.put("short", "v", ticker.in(1_000));
      store.put("long", "v", ticker.in(1_000_000_000L));
      for (int i = 0; i < 5; i++) {
        store.put("filler" + i, "x", Ticker.NEVER);
      }
      assertTrue(store.flush(FLUSH));
      ticker.advance(10_000);
      assertNull(store.get("short"));
      assertNull(store.peek("short"));
      assertEquals("v", store.get("long").value());
    }
  }

  @Test
  void iterationSeesEveryTierOnce() {
    try (HybridStore<String, String> store = HybridStores.open(directory, 8, EvictionPolicy.SIEVE)) {
      for (int i = 0; i < 100; i++) {
        store.put("k" + i, "v" + i, Ticker.NEVER);
      }
      assertTrue(store.flush(FLUSH));
      Set<String> keys = new HashSet<>();
      int count = 0;
      for (MemoryEntry<String, String> entry : store) {
        keys.add(entry.key());
        count++;
        assertEquals("v" + entry.key().substring(1), entry.value());
      }
      assertEquals(100, keys.size());
      assertEquals(100, count);
    }
  }

  @Test
  void victimsThatReachDiskAreNotReportedAsEvicted() {
    List<RemovalCause> reported = new ArrayList<>();
    try (HybridStore<String, String> store = HybridStore.open(HybridStores.config(directory, 4,
        EvictionPolicy.FIFO, Ticker.system(), (entry, cause) -> reported.add(cause)).build(), "test")) {
      for (int i = 0; i < 50; i++) {
        store.put("k" + i, "v", Ticker.NEVER);
      }
      assertTrue(store.flush(FLUSH));
      assertTrue(reported.isEmpty(), "every victim went to disk: " + reported);
    }
  }

  @Test
  void storeByReferenceReturnsTheOriginalWhileItIsAlive() {
    try (HybridStore<String, String> store = HybridStore.open(HybridStores.config(directory, 2,
        EvictionPolicy.FIFO, Ticker.system(), (entry, cause) -> { }).keepReferences(true).build(), "test")) {
      String original = new String("held by the caller");
      store.put("k", original, Ticker.NEVER);
      for (int i = 0; i < 10; i++) {
        store.put("filler" + i, "x", Ticker.NEVER);
      }
      assertTrue(store.flush(FLUSH));
      assertTrue(store.stats().written() > 0);
      org.junit.jupiter.api.Assertions.assertSame(original, store.get("k").value());
      store.put("k", "replaced", Ticker.NEVER);
      assertEquals("replaced", store.get("k").value(), "a write forgets the old original");
    }
  }

  @Test
  void concurrentMissesOnOneKeyReadDiskOnce() throws Exception {
    try (HybridStore<String, String> store = HybridStores.open(directory, 4, EvictionPolicy.LRU)) {
      store.put("hot", "v", Ticker.NEVER);
      for (int i = 0; i < 20; i++) {
        store.put("filler" + i, "x", Ticker.NEVER);
      }
      assertTrue(store.flush(FLUSH));
      assertNull(store.stats().disk().hits() > 0 ? "already read" : null);
      long diskReadsBefore = store.stats().disk().hits() + store.stats().disk().misses();
      int threads = 100;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          start.await();
          return store.get("hot").value();
        }));
      }
      start.countDown();
      for (Future<String> result : results) {
        assertEquals("v", result.get(10, TimeUnit.SECONDS));
      }
      pool.shutdown();
      long diskReads = store.stats().disk().hits() + store.stats().disk().misses() - diskReadsBefore;
      assertEquals(1, diskReads, "one disk read for 100 concurrent misses");
    }
  }

  @Test
  void aPersistentStoreKeepsEverythingAcrossACleanClose() {
    HybridConfig.Builder<String, String> config = HybridStores.config(directory, 8, EvictionPolicy.S3FIFO,
        Ticker.system(), (entry, cause) -> { });
    HybridConfig<String, String> persistent = new HybridConfig<>(config.build().memory(),
        dev.atrium.tiers.disk.DiskTierConfig.builder(directory).budgetBytes(8L << 20).setBytes(4 << 10)
            .persistent(true).build(),
        config.build().keySerializer(), config.build().valueSerializer(), WritePolicy.ON_EVICTION,
        16L << 20, 8 << 20, 0, 1, false, false);
    try (HybridStore<String, String> store = HybridStore.open(persistent, "test")) {
      for (int i = 0; i < 200; i++) {
        store.put("k" + i, "v" + i, Ticker.NEVER);
      }
      store.remove("k7");
    }
    try (HybridStore<String, String> store = HybridStore.open(persistent, "test")) {
      for (int i = 0; i < 200; i++) {
        MemoryEntry<String, String> entry = store.get("k" + i);
        if (i == 7) {
          assertNull(entry, "a removed entry stays removed");
        } else {
          assertNotNull(entry, "k" + i + " survived the close");
          assertEquals("v" + i, entry.value());
        }
      }
    }
  }
}
