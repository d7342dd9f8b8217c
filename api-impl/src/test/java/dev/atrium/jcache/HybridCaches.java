package dev.atrium.jcache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import dev.atrium.jcache.configuration.DiskOptions;
import dev.atrium.tiers.hybrid.HybridStore;
import java.nio.file.Path;
import java.time.Duration;
import javax.cache.Cache;

/** Hybrid caches for tests: a memory tier of a few entries over a small disk tier. */
final class HybridCaches {
  private HybridCaches() {}

  /** {@code memoryEntries} in memory over a 4 MiB disk tier in {@code dir}. */
  static AtriumConfiguration<String, String> tiny(int memoryEntries, Path dir, boolean persistent) {
    return new AtriumConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .maximumSize(memoryEntries)
        .disk(DiskOptions.NONE.withBudget(4L << 20).withDirectory(dir).withPersistent(persistent));
  }

  /** Waits until every entry evicted so far is on disk. */
  static void flush(Cache<?, ?> cache) {
    assertTrue(cache.unwrap(HybridStore.class).flush(Duration.ofSeconds(20)), "the disk writer kept up");
  }

  /** The store's counters. */
  static dev.atrium.tiers.hybrid.HybridStats stats(Cache<?, ?> cache) {
    return cache.unwrap(HybridStore.class).stats();
  }

  static void putMany(Cache<String, String> cache, int count, String suffix) {
    for (int i = 0; i < count; i++) {
      cache.put("k" + i, "v" + i + suffix);
    }
  }
}
