package dev.atrium.jcache.configuration;

import dev.atrium.tiers.CacheStore;
import dev.atrium.tiers.Ticker;
import dev.atrium.tiers.disk.DiskTierConfig;
import dev.atrium.tiers.hybrid.HybridConfig;
import dev.atrium.tiers.hybrid.HybridStore;
import dev.atrium.tiers.memory.MemoryTierConfig;
import dev.atrium.tiers.memory.MemoryTiers;
import dev.atrium.tiers.memory.RemovalListener;
import dev.atrium.tiers.serde.AllowList;
import dev.atrium.tiers.serde.Serializer;
import dev.atrium.tiers.serde.TaggedSerializer;
import java.io.ObjectInputFilter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.cache.CacheException;

/**
 * Turns a cache's configuration into its store: a memory tier, or a hybrid store when the
 * configuration gives the cache a disk tier. Memory-only caches load nothing of the disk tier:
 * no thread, no file, no native library.
 */
public final class TierShapes {
  private TierShapes() {}

  /**
   * @param expiring whether entries can ever get a deadline (false for an eternal expiry policy)
   */
  public static <K, V> MemoryTierConfig<K, V> memoryTier(AtriumConfiguration<K, V> configuration,
      Ticker ticker, RemovalListener<K, V> removalListener, boolean expiring) {
    MemoryTierConfig.Builder<K, V> builder = MemoryTierConfig.<K, V>builder()
        .expiring(expiring)
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

  /**
   * The store of a cache.
   *
   * @param expiring whether entries can ever get a deadline
   * @param scope names the cache among all caches of the process (its manager and name), for its
   *     default directory and its threads
   */
  public static <K, V> CacheStore<K, V> store(AtriumConfiguration<K, V> configuration, Ticker ticker,
      RemovalListener<K, V> removalListener, boolean expiring, String scope, ClassLoader classLoader) {
    MemoryTierConfig<K, V> memory = memoryTier(configuration, ticker, removalListener, expiring);
    DiskOptions disk = configuration.getDisk();
    if (!disk.enabled()) {
      return MemoryTiers.create(memory);
    }
    DiskTierConfig diskConfig = DiskTierConfig.builder(directory(disk, scope))
        .budgetBytes(disk.budgetBytes())
        .persistent(disk.persistent())
        .compression(disk.compression())
        .mmapReads(disk.mmapReads())
        .ticker(ticker)
        .build();
    ObjectInputFilter filter = allowList(configuration, disk);
    HybridConfig<K, V> hybrid = HybridConfig.builder(memory, diskConfig,
            TierShapes.<K>serializer(disk.keySerializer(), classLoader, filter),
            TierShapes.<V>serializer(disk.valueSerializer(), classLoader, filter))
        .writePolicy(disk.writePolicy())
        .maxEntryBytes(disk.maxEntryBytes())
        .bytesPerSecond(disk.bytesPerSecond())
        .writeQueueBytes(disk.writeQueueBytes())
        .keepReferences(!configuration.isStoreByValue())
        .ownsDirectory(disk.directory() == null)
        .build();
    try {
      return HybridStore.open(hybrid, sanitize(scope));
    } catch (IllegalStateException | UncheckedIOException e) {
      // JCache reserves IllegalStateException for a closed manager; a directory in use or that
      // cannot be created is an error configuring the cache
      throw new CacheException("cannot open the disk tier of " + scope + ": " + e.getMessage(), e);
    }
  }

  /** The cache's disk directory: the configured one, else a fresh one under the temp directory. */
  static Path directory(DiskOptions disk, String scope) {
    if (disk.directory() != null) {
      return disk.directory();
    }
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "atrium");
    // a persistent tier must find its files again; a transient one must not meet another's
    return disk.persistent() ? root.resolve(sanitize(scope))
        : root.resolve(sanitize(scope) + "-" + UUID.randomUUID());
  }

  private static ObjectInputFilter allowList(AtriumConfiguration<?, ?> configuration, DiskOptions disk) {
    List<Class<?>> types = new ArrayList<>();
    types.add(configuration.getKeyType());
    types.add(configuration.getValueType());
    return AllowList.forTypes(types, disk.allowedClasses());
  }

  @SuppressWarnings("unchecked")
  private static <T> Serializer<T> serializer(Serializer<?> configured, ClassLoader classLoader,
      ObjectInputFilter filter) {
    return configured != null ? (Serializer<T>) configured : new TaggedSerializer<>(classLoader, filter);
  }

  static String sanitize(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
