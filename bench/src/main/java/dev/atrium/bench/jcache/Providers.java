package dev.atrium.bench.jcache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.cache2k.Cache2kBuilder;
import org.cache2k.jcache.ExtendedMutableConfiguration;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.jsr107.Eh107Configuration;

/**
 * The caches under test, by the name the {@code provider} parameter gives them. JCache providers
 * are looked up by class name, so several live on one classpath; each cache is bounded through
 * its provider's own configuration, stores by reference and keeps no statistics.
 *
 * <ul>
 *   <li>{@code atrium-<policy>}: Atrium's provider; the policy is one of lru, fifo, sieve, s3fifo,
 *       tinylfu.</li>
 *   <li>{@code caffeine-jcache}, {@code ehcache}, {@code cache2k}: the peers through JCache.</li>
 *   <li>{@code caffeine-raw}: Caffeine's own API, the reference every ratio is taken to.</li>
 *   <li>{@code chm}: an unbounded {@link ConcurrentHashMap}, the ceiling (not a cache).</li>
 * </ul>
 */
final class Providers {
  static final String ATRIUM = "dev.atrium.jcache.spi.AtriumCachingProvider";
  static final String CAFFEINE = "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";
  static final String EHCACHE = "org.ehcache.jsr107.EhcacheCachingProvider";
  static final String CACHE2K = "org.cache2k.jcache.provider.JCacheProvider";

  private static final AtomicInteger NAMES = new AtomicInteger();

  private Providers() {}

  /** A new, empty cache of {@code provider} holding at most {@code capacity} entries. */
  static BenchCache<Integer, Integer> create(String provider, int capacity) {
    String name = "bench-" + NAMES.incrementAndGet();
    if (provider.startsWith("atrium-")) {
      return AtriumCaches.create(provider.substring("atrium-".length()).toLowerCase(Locale.ROOT), name, capacity);
    }
    return switch (provider) {
      case "caffeine-jcache" -> caffeineJCache(name, capacity);
      case "ehcache" -> ehcache(name, capacity);
      case "cache2k" -> cache2k(name, capacity);
      case "caffeine-raw" -> caffeineRaw(capacity);
      case "chm" -> concurrentHashMap(capacity);
      default -> throw new IllegalArgumentException("unknown provider '" + provider + "': expected atrium-"
          + "{tinylfu,lru,fifo,sieve,s3fifo}, caffeine-jcache, ehcache, cache2k, caffeine-raw or chm");
    };
  }

  /** The default cache manager of the JCache provider named by its class. */
  static CacheManager manager(String providerClass) {
    CachingProvider provider = Caching.getCachingProvider(providerClass);
    return provider.getCacheManager(provider.getDefaultURI(), Providers.class.getClassLoader());
  }

  private static BenchCache<Integer, Integer> caffeineJCache(String name, int capacity) {
    CaffeineConfiguration<Integer, Integer> config = new CaffeineConfiguration<>();
    config.setTypes(Integer.class, Integer.class);
    config.setStoreByValue(false);
    config.setStatisticsEnabled(false);
    config.setMaximumSize(OptionalLong.of(capacity));
    return new JCacheBenchCache<>(manager(CAFFEINE), name, config);
  }

  private static BenchCache<Integer, Integer> ehcache(String name, int capacity) {
    // a heap-only cache from Ehcache's own configuration stores by reference (no copier)
    return new JCacheBenchCache<>(manager(EHCACHE), name, Eh107Configuration.fromEhcacheCacheConfiguration(
        CacheConfigurationBuilder.newCacheConfigurationBuilder(Integer.class, Integer.class,
            ResourcePoolsBuilder.heap(capacity))));
  }

  private static BenchCache<Integer, Integer> cache2k(String name, int capacity) {
    ExtendedMutableConfiguration<Integer, Integer> config = ExtendedMutableConfiguration.of(
        Cache2kBuilder.of(Integer.class, Integer.class).entryCapacity(capacity));
    config.setStoreByValue(false);
    config.setStatisticsEnabled(false);
    return new JCacheBenchCache<>(manager(CACHE2K), name, config);
  }

  private static BenchCache<Integer, Integer> caffeineRaw(int capacity) {
    Cache<Integer, Integer> cache = Caffeine.newBuilder().maximumSize(capacity).build();
    return new BenchCache<>() {
      @Override
      public Integer get(Integer key) {
        return cache.getIfPresent(key);
      }

      @Override
      public void put(Integer key, Integer value) {
        cache.put(key, value);
      }

      @Override
      public void close() {
        cache.invalidateAll();
      }
    };
  }

  private static BenchCache<Integer, Integer> concurrentHashMap(int capacity) {
    ConcurrentHashMap<Integer, Integer> map = new ConcurrentHashMap<>(capacity);
    return new BenchCache<>() {
      @Override
      public Integer get(Integer key) {
        return map.get(key);
      }

      @Override
      public void put(Integer key, Integer value) {
        map.put(key, value);
      }

      @Override
      public void close() {
        map.clear();
      }
    };
  }
}
