package dev.atrium.jcache.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import dev.atrium.jcache.configuration.DiskOptions;
import dev.atrium.tiers.hybrid.HybridStore;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.integration.CacheLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 100 threads missing on one key of a hybrid cache: one load, at most one disk read. */
class HybridSingleFlightTest {
  private static final int THREADS = 100;
  static final AtomicInteger LOADS = new AtomicInteger();

  /** A slow origin, so that every thread arrives while the first load is still running. */
  static final class SlowLoader implements CacheLoader<String, String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String load(String key) {
      LOADS.incrementAndGet();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "loaded-" + key;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> all = new HashMap<>();
      keys.forEach(key -> all.put(key, load(key)));
      return all;
    }
  }

  @TempDir
  Path directory;

  private final CacheManager manager = Caching.getCachingProvider().getCacheManager(
      URI.create("atrium:single-flight-" + UUID.randomUUID()), getClass().getClassLoader());

  @AfterEach
  void close() {
    manager.close();
  }

  private Cache<String, String> hybridCache() {
    return manager.createCache("c", new AtriumConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .maximumSize(4)
        .disk(DiskOptions.NONE.withBudget(8L << 20).withDirectory(directory))
        .setReadThrough(true)
        .setCacheLoaderFactory(FactoryBuilder.factoryOf(new SlowLoader())));
  }

  private static List<String> getFromAllThreads(Cache<String, String> cache, String key) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> futures = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      futures.add(pool.submit(() -> {
        start.await();
        return cache.get(key);
      }));
    }
    start.countDown();
    List<String> values = new ArrayList<>();
    for (Future<String> future : futures) {
      values.add(future.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();
    return values;
  }

  private static long diskReads(HybridStore<?, ?> store) {
    return store.stats().disk().hits() + store.stats().disk().misses();
  }

  @Test
  void aKeyInNoTierIsLoadedOnce() throws Exception {
    LOADS.set(0);
    Cache<String, String> cache = hybridCache();
    HybridStore<?, ?> store = cache.unwrap(HybridStore.class);
    long before = diskReads(store);
    for (String value : getFromAllThreads(cache, "absent")) {
      assertEquals("loaded-absent", value);
    }
    assertEquals(1, LOADS.get(), "one load for " + THREADS + " concurrent misses");
    assertTrue(diskReads(store) - before <= 1, "at most one disk read");
  }

  @Test
  void aKeyOnDiskIsReadOnceAndNeverLoaded() throws Exception {
    LOADS.set(0);
    Cache<String, String> cache = hybridCache();
    HybridStore<?, ?> store = cache.unwrap(HybridStore.class);
    cache.put("cold", "on-disk");
    for (int i = 0; i < 20; i++) {
      cache.put("filler-" + i, "x");
    }
    assertTrue(store.flush(Duration.ofSeconds(10)));
    long before = diskReads(store);
    for (String value : getFromAllThreads(cache, "cold")) {
      assertEquals("on-disk", value);
    }
    assertEquals(0, LOADS.get(), "the disk had it: no load");
    assertEquals(1, diskReads(store) - before, "one disk read for " + THREADS + " concurrent misses");
  }
}
