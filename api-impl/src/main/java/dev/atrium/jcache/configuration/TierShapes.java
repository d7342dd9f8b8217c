package dev.atrium.jcache.configuration;

import dev.atrium.tiers.Ticker;
import dev.atrium.tiers.memory.MemoryTierConfig;
import dev.atrium.tiers.memory.RemovalListener;

/** Turns a cache's configuration into the shape of its tiers. */
public final class TierShapes {
  private TierShapes() {}

  public static <K, V> MemoryTierConfig<K, V> memoryTier(AtriumConfiguration<K, V> configuration,
      Ticker ticker, RemovalListener<K, V> removalListener) {
    MemoryTierConfig.Builder<K, V> builder = MemoryTierConfig.<K, V>builder()
        .policy(configuration.getEvictionPolicy())
        .shards(configuration.getShards())
        .ticker(ticker)
        .removalListener(removalListener);
    if (configuration.isWeighted()) {
      builder.maximumWeight(configuration.getMaximumWeight(), configuration.getWeigher());
    } else {
      builder.maximumSize(configuration.getMaximumSize());
    }
    return builder.build();
  }
}
