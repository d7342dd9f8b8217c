package dev.atrium.bench.jcache;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import dev.atrium.tiers.memory.EvictionPolicy;

/**
 * Atrium's caches, one per eviction policy, bounded and configured through
 * {@link AtriumConfiguration} like the peers are through theirs. A policy this build's memory tier
 * does not have yet fails in setup, with a message saying so.
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
    try {
      return new JCacheBenchCache<>(Providers.manager(Providers.ATRIUM), name, config);
    } catch (RuntimeException e) {
      throw new UnsupportedOperationException("atrium-" + policy + " cannot be created in this build ("
          + e + "); leave it out with -p provider=...", e);
    }
  }
}
