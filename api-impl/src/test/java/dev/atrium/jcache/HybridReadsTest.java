package dev.atrium.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads through JCache find the entries that memory evicted to disk, with their deadlines. */
class HybridReadsTest {
  private static final int ENTRIES = 60;

  @TempDir
  Path dir;
  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void close() {
    manager.close();
  }

  private Map<String, String> expected(String suffix) {
    Map<String, String> expected = new HashMap<>();
    for (int i = 0; i < ENTRIES; i++) {
      expected.put("k" + i, "v" + i + suffix);
    }
    return expected;
  }

  @Test
  void evictedEntriesAreStillReadByGetGetAllContainsKeyAndIterator() {
    Cache<String, String> cache = TestCaches.create(manager, HybridCaches.tiny(4, dir, false));
    HybridCaches.putMany(cache, ENTRIES, "");
    HybridCaches.flush(cache);
    assertTrue(HybridCaches.stats(cache).written() >= ENTRIES - 4, "most entries went to disk");

    Map<String, String> iterated = new HashMap<>();
    for (Cache.Entry<String, String> entry : cache) {
      iterated.put(entry.getKey(), entry.getValue());
    }
    assertEquals(expected(""), iterated);
    for (int i = 0; i < ENTRIES; i++) {
      assertTrue(cache.containsKey("k" + i), "k" + i);
    }
    assertEquals(expected(""), cache.getAll(new LinkedHashSet<>(expected("").keySet())));
    for (int i = ENTRIES - 1; i >= 0; i--) {
      assertEquals("v" + i, cache.get("k" + i));
    }
    assertTrue(HybridCaches.stats(cache).diskHits() > 0, "reads were answered by disk");
    assertNull(cache.get("absent"));
  }

  @Test
  void statisticsCountHitsAndMissesInEveryTier() {
    Cache<String, String> cache = TestCaches.create(manager,
        HybridCaches.tiny(4, dir, false).setStatisticsEnabled(true));
    HybridCaches.putMany(cache, ENTRIES, "");
    HybridCaches.flush(cache);
    for (int i = 0; i < ENTRIES; i++) {
      cache.get("k" + i);
    }
    for (int i = 0; i < 10; i++) {
      cache.get("absent" + i);
    }
    cache.getAll(Set.of("k0", "k1", "absent-too"));
    var statistics = cache.unwrap(AtriumCache.class).statistics();
    assertEquals(ENTRIES + 2, statistics.getCacheHits());
    assertEquals(11, statistics.getCacheMisses());
    assertTrue(HybridCaches.stats(cache).diskHits() > 0, "some hits came from disk");
  }

  @Test
  void aLongDeadlineSurvivesTheTripToDisk() {
    Cache<String, String> cache = TestCaches.create(manager, HybridCaches.tiny(2, dir, false)
        .setExpiryPolicyFactory(FactoryBuilder.factoryOf(
            new CreatedExpiryPolicy(new Duration(TimeUnit.HOURS, 1)))));
    HybridCaches.putMany(cache, ENTRIES, "");
    HybridCaches.flush(cache);
    for (int i = 0; i < ENTRIES; i++) {
      assertEquals("v" + i, cache.get("k" + i), "k" + i + " expired on disk");
    }
  }

  @Test
  void aShortDeadlineStillExpiresOnDisk() throws InterruptedException {
    Cache<String, String> cache = TestCaches.create(manager, HybridCaches.tiny(2, dir, false)
        .setExpiryPolicyFactory(FactoryBuilder.factoryOf(
            new CreatedExpiryPolicy(new Duration(TimeUnit.MILLISECONDS, 400)))));
    HybridCaches.putMany(cache, ENTRIES, "");
    HybridCaches.flush(cache);
    assertTrue(HybridCaches.stats(cache).written() > 0, "entries went to disk");
    Thread.sleep(600);
    for (int i = 0; i < ENTRIES; i++) {
      assertNull(cache.get("k" + i), "k" + i + " outlived its deadline");
      assertTrue(!cache.containsKey("k" + i));
    }
    assertTrue(!cache.iterator().hasNext(), "the iterator shows expired entries");
  }
}
