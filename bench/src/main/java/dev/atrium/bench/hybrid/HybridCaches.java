package dev.atrium.bench.hybrid;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import dev.atrium.jcache.configuration.DiskOptions;
import dev.atrium.tiers.hybrid.HybridStats;
import dev.atrium.tiers.memory.EvictionPolicy;
import dev.atrium.tiers.hybrid.HybridStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.core.config.DefaultConfiguration;
import org.ehcache.impl.config.persistence.DefaultPersistenceConfiguration;
import org.ehcache.jsr107.Eh107Configuration;
import org.ehcache.jsr107.EhcacheCachingProvider;

/**
 * A hybrid cache of each provider, created through JCache with a memory tier of
 * {@code memoryEntries} and a disk tier of {@code diskMiB}, in a fresh directory of its own that
 * {@link #close()} deletes. Both store by reference where they can: Atrium's memory tier holds the
 * caller's objects, Ehcache's heap tier too (a configuration from Ehcache's own builder has no
 * copier); both disks serialize, that is what a disk is.
 */
abstract class HybridCaches implements AutoCloseable {
  static final String ATRIUM = "dev.atrium.jcache.spi.AtriumCachingProvider";
  static final String EHCACHE = "org.ehcache.jsr107.EhcacheCachingProvider";

  final Cache<Integer, byte[]> cache;
  private final CacheManager manager;
  private final Path directory;

  private HybridCaches(CacheManager manager, Cache<Integer, byte[]> cache, Path directory) {
    this.manager = manager;
    this.cache = cache;
    this.directory = directory;
  }

  static HybridCaches create(String provider, int memoryEntries, int diskMiB) {
    return switch (provider) {
      case "atrium-hybrid" -> atrium(AtriumConfiguration.DEFAULT_POLICY, memoryEntries, diskMiB);
      case "atrium-hybrid-tinylfu" -> atrium(EvictionPolicy.TINYLFU, memoryEntries, diskMiB);
      case "atrium-hybrid-sieve" -> atrium(EvictionPolicy.SIEVE, memoryEntries, diskMiB);
      case "ehcache-heap-disk" -> ehcache(memoryEntries, diskMiB);
      default -> throw new IllegalArgumentException("unknown provider '" + provider
          + "': expected atrium-hybrid (the default policy), atrium-hybrid-tinylfu,"
          + " atrium-hybrid-sieve or ehcache-heap-disk");
    };
  }

  /** Waits until whatever the cache buffers for disk is written (a no-op where writes are synchronous). */
  abstract void flush();

  /**
   * Before timing: {@link #flush()}, then waits for the disk's own background work (RocksDB's
   * memtable flush and the compactions loading started), so that the measured reads, which write
   * nothing, do not share the two cores with a transient left over from loading.
   */
  abstract void settle();

  /** The provider's own counters, for stderr; empty if it has none worth printing. */
  abstract String stats();

  private static HybridCaches atrium(EvictionPolicy policy, int memoryEntries, int diskMiB) {
    Path directory = tempDirectory("atrium-hybridbench");
    AtriumConfiguration<Integer, byte[]> config = new AtriumConfiguration<Integer, byte[]>()
        .setTypes(Integer.class, byte[].class)
        .setStoreByValue(false)
        .setStatisticsEnabled(false)
        .maximumSize(memoryEntries)
        .evictionPolicy(policy)
        .disk(DiskOptions.NONE.withBudget((long) diskMiB << 20).withDirectory(directory));
    CacheManager manager = Caching.getCachingProvider(ATRIUM)
        .getCacheManager(URI.create("atrium-hybridbench:" + directory.getFileName()),
            HybridCaches.class.getClassLoader());
    Cache<Integer, byte[]> cache = manager.createCache("hybrid", config);
    HybridStore<?, ?> store = cache.unwrap(HybridStore.class);
    return new HybridCaches(manager, cache, directory) {
      @Override
      void flush() {
        if (!store.flush(Duration.ofMinutes(2))) {
          throw new IllegalStateException("atrium-hybrid: the write queue did not drain in 2 minutes");
        }
      }

      @Override
      void settle() {
        flush();
        store.disk().flush();
      }

      @Override
      String stats() {
        HybridStats s = store.stats();
        return String.format("memoryHits=%d pendingHits=%d diskHits=%d misses=%d filterSkips=%d promotionWaits=%d queued=%d"
                + " written=%d rejected=%d dropped=%d cancelled=%d diskStores=%d diskEvicted=%d diskDropped=%d",
            s.memoryHits(), s.pendingHits(), s.diskHits(), s.misses(), s.filterSkips(), s.promotionWaits(), s.queued(),
            s.written(), s.rejected(), s.dropped(), s.cancelled(), s.disk().stores(), s.disk().evicted(),
            s.disk().dropped());
      }
    };
  }

  private static HybridCaches ehcache(int memoryEntries, int diskMiB) {
    Path directory = tempDirectory("ehcache-hybridbench");
    EhcacheCachingProvider provider = (EhcacheCachingProvider) Caching.getCachingProvider(EHCACHE);
    // the disk tier needs a LocalPersistenceService, i.e. a cache manager with a root directory
    CacheManager manager = provider.getCacheManager(directory.toUri(), new DefaultConfiguration(
        HybridCaches.class.getClassLoader(), new DefaultPersistenceConfiguration(directory.toFile())));
    Cache<Integer, byte[]> cache = manager.createCache("hybrid", Eh107Configuration.fromEhcacheCacheConfiguration(
        CacheConfigurationBuilder.newCacheConfigurationBuilder(Integer.class, byte[].class,
            ResourcePoolsBuilder.heap(memoryEntries).disk(diskMiB, MemoryUnit.MB))));
    return new HybridCaches(manager, cache, directory) {
      @Override
      void flush() {}

      @Override
      void settle() {}

      @Override
      String stats() {
        return "";
      }
    };
  }

  @Override
  public void close() {
    try {
      manager.destroyCache(cache.getName());
      manager.close();
    } finally {
      deleteTree(directory);
    }
  }

  private static Path tempDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("hybrid: could not delete " + root + ": " + e);
    }
  }
}
