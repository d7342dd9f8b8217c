package dev.atrium.examples;

import dev.atrium.jcache.AtriumCache;
import dev.atrium.tiers.hybrid.HybridStats;
import dev.atrium.tiers.hybrid.HybridStore;
import javax.cache.Cache;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * Where a cache's reads were answered: memory, the queue of entries waiting to be written to
 * disk, disk, or nowhere (a miss, which read-through sends to the store). A hybrid cache tells
 * this through its {@link HybridStore}; a memory-only one through its JCache statistics.
 */
record TierCounts(long memory, long pending, long disk, long misses) {

  static TierCounts of(Cache<?, ?> cache) {
    HybridStore<?, ?> hybrid = hybridStore(cache);
    if (hybrid != null) {
      HybridStats stats = hybrid.stats();
      return new TierCounts(stats.memoryHits(), stats.pendingHits(), stats.diskHits(), stats.misses());
    }
    CacheStatisticsMXBean stats = cache.unwrap(AtriumCache.class).statistics();
    return new TierCounts(stats.getCacheHits(), 0, 0, stats.getCacheMisses());
  }

  /** The cache's hybrid store, or null if it has no disk tier. */
  static HybridStore<?, ?> hybridStore(Cache<?, ?> cache) {
    try {
      return cache.unwrap(HybridStore.class);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  TierCounts minus(TierCounts earlier) {
    return new TierCounts(memory - earlier.memory, pending - earlier.pending, disk - earlier.disk,
        misses - earlier.misses);
  }

  long total() {
    return memory + pending + disk + misses;
  }

  double percent(long count) {
    return total() == 0 ? 0 : 100.0 * count / total();
  }
}
