package dev.atrium.bench.jcache;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import dev.atrium.tiers.memory.EvictionPolicy;

/**
 * Atrium's caches, one per eviction policy, bounded and configured through
 * {@link AtriumConfiguration} like the peers are through theirs. An unknown policy name fails in
 * setup ({@link EvictionPolicy#fromName} names the known ones).
 */
final class AtriumCaches {
  private AtriumCaches() {}

  static BenchCache<Integer, Integer> create(String policy, String name, int capacity) {
    EvictionPolicy evictionPolicy = EvictionPolicy.fromName(policy);
    AtriumConfiguration<Integer, Integer> config = new AtriumConfiguration<Integer, Integer>()
        .setTypes(Integer.class, Integer.class)
        .setStoreByValue(false)
        .setStatisticsEnabled(false)
        .evictionPolicy(evictionPolicy)
        .maximumSize(capacity);
    return new JCacheBenchCache<>(Providers.manager(Providers.ATRIUM), name, config);
  }
}
