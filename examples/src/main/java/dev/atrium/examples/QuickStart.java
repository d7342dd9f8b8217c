package dev.atrium.examples;

import dev.atrium.jcache.AtriumCache;
import dev.atrium.jcache.configuration.AtriumConfiguration;
import dev.atrium.tiers.memory.EvictionPolicy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.integration.CacheLoader;
import javax.cache.management.CacheStatisticsMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * Atrium through the plain JCache API: find the provider, create a bounded cache with a chosen
 * eviction policy, read through a (slow) loader, watch events, and read the statistics.
 */
public final class QuickStart {
  private QuickStart() {}

  /** Stands in for a slow origin (S3, a database): 1 ms a read, counted. */
  static final class SlowOrigin implements CacheLoader<Integer, String>, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger READS = new AtomicInteger();

    @Override
    public String load(Integer key) {
      READS.incrementAndGet();
      try {
        TimeUnit.MILLISECONDS.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "object-" + key;
    }

    @Override
    public Map<Integer, String> loadAll(Iterable<? extends Integer> keys) {
      Map<Integer, String> loaded = new HashMap<>();
      keys.forEach(key -> loaded.put(key, load(key)));
      return loaded;
    }
  }

  /** Counts entries as they are created. */
  static final class CreatedCounter implements CacheEntryCreatedListener<Integer, String>, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger CREATED = new AtomicInteger();

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends Integer, ? extends String>> events) {
      events.forEach(event -> CREATED.incrementAndGet());
    }
  }

  public static void main(String[] args) {
    CacheManager manager = Caching.getCachingProvider().getCacheManager();
    System.out.println("provider: " + manager.getCachingProvider().getClass().getName());

    AtriumConfiguration<Integer, String> config = new AtriumConfiguration<Integer, String>()
        .setTypes(Integer.class, String.class)
        .evictionPolicy(EvictionPolicy.SIEVE)
        .maximumSize(1_000)
        .setStoreByValue(false)
        .setReadThrough(true)
        .setCacheLoaderFactory(FactoryBuilder.factoryOf(new SlowOrigin()))
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 10)))
        .setStatisticsEnabled(true)
        .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(new CreatedCounter()), null, false, true));
    Cache<Integer, String> cache = manager.createCache("objects", config);

    // a skewed workload over 4,000 keys: the hot ones stay, the cold ones come and go
    long start = System.nanoTime();
    java.util.Random random = new java.util.Random(42);
    int requests = 10_000;
    for (int i = 0; i < requests; i++) {
      int key = (int) Math.floor(Math.pow(random.nextDouble(), 4) * 4_000);
      cache.get(key);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    CacheStatisticsMXBean stats = cache.unwrap(AtriumCache.class).statistics();
    System.out.printf("requests:            %,d in %,d ms%n", requests, millis);
    System.out.printf("hit ratio:           %.1f %% (%,d hits, %,d misses)%n",
        stats.getCacheHitPercentage(), stats.getCacheHits(), stats.getCacheMisses());
    System.out.printf("reads of the origin: %,d (each one a 1 ms trip the cache saved the rest)%n",
        SlowOrigin.READS.get());
    System.out.printf("entries created:     %,d (listener), evicted: %,d%n",
        CreatedCounter.CREATED.get(), stats.getCacheEvictions());
    System.out.println("get(7) = " + cache.get(7));

    manager.close();
    System.out.println("closed: " + cache.isClosed());
  }
}
