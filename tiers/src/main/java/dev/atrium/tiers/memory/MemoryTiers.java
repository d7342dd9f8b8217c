package dev.atrium.tiers.memory;

/** Creates the memory tier that a configuration names. */
public final class MemoryTiers {
  private MemoryTiers() {}

  public static <K, V> MemoryTier<K, V> create(MemoryTierConfig<K, V> config) {
    return switch (config.policy()) {
      case TINYLFU -> new TinyLfuMemoryTier<>(config);
      case LRU, FIFO, SIEVE, S3FIFO -> new ShardedMemoryTier<>(config);
    };
  }
}
