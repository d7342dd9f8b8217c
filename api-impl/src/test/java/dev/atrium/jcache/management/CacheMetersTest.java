package dev.atrium.jcache.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import dev.atrium.jcache.configuration.DiskOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheMetersTest {
  @TempDir
  Path directory;

  private static CacheManager manager() {
    return Caching.getCachingProvider().getCacheManager(URI.create("atrium:meters-" + UUID.randomUUID()),
        CacheMetersTest.class.getClassLoader());
  }

  @Test
  void memoryOnlyCacheReportsJCacheCountersAndSize() {
    try (CacheManager manager = manager()) {
      Cache<String, String> cache = manager.createCache("m", new AtriumConfiguration<String, String>()
          .setStatisticsEnabled(true));
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      new CacheMeters(cache).bindTo(registry);
      cache.put("a", "1");
      cache.get("a");
      cache.get("b");
      assertEquals(1, registry.get("atrium.cache.gets").tag("result", "hit").functionCounter().count());
      assertEquals(1, registry.get("atrium.cache.gets").tag("result", "miss").functionCounter().count());
      assertEquals(1, registry.get("atrium.cache.puts").functionCounter().count());
      assertEquals(1, registry.get("atrium.memory.entries").gauge().value());
      assertNull(registry.find("atrium.disk.bytes").gauge(), "no disk meters without a disk tier");
    }
  }

  @Test
  void hybridCacheReportsEachTier() throws Exception {
    try (CacheManager manager = manager()) {
      Cache<String, String> cache = manager.createCache("h", new AtriumConfiguration<String, String>()
          .maximumSize(4)
          .disk(DiskOptions.NONE.withBudget(8L << 20).withDirectory(directory)));
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      new CacheMeters(cache).bindTo(registry);
      for (int i = 0; i < 50; i++) {
        cache.put("k" + i, "v" + i);
      }
      cache.unwrap(dev.atrium.tiers.hybrid.HybridStore.class).flush(java.time.Duration.ofSeconds(10));
      for (int i = 0; i < 50; i++) {
        assertEquals("v" + i, cache.get("k" + i));
      }
      double memory = registry.get("atrium.tier.lookups").tag("answered-by", "memory").functionCounter().count();
      double disk = registry.get("atrium.tier.lookups").tag("answered-by", "disk").functionCounter().count();
      double pending = registry.get("atrium.tier.lookups").tag("answered-by", "pending").functionCounter().count();
      assertEquals(50, memory + disk + pending);
      assertEquals(0, registry.get("atrium.tier.promotion.waits").functionCounter().count(),
          "one thread: nobody waited for another's disk read");
      assertEquals(46, registry.get("atrium.disk.writes").tag("outcome", "queued").functionCounter().count(), 10);
      assertNotNull(registry.get("atrium.disk.bytes").gauge());
      assertEquals(0, registry.get("atrium.disk.degraded").gauge().value());
    }
  }
}
