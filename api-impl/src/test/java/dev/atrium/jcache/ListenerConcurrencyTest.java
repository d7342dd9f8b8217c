package dev.atrium.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryUpdatedListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listener delivery under concurrent writers: nothing lost, and per-key order kept. */
class ListenerConcurrencyTest {
  private static final int THREADS = 4;
  private static final int UPDATES = 2_000;

  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void close() {
    manager.close();
  }

  /** Records, per key, the values in the order events arrived. */
  static final class Recorder implements CacheEntryCreatedListener<Integer, Integer>,
      CacheEntryUpdatedListener<Integer, Integer>, Serializable {
    private static final long serialVersionUID = 1L;
    static final Map<String, Map<Integer, List<Integer>>> SEEN = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> COUNT = new ConcurrentHashMap<>();
    private final String name;

    Recorder(String name) {
      this.name = name;
    }

    private void record(Iterable<CacheEntryEvent<? extends Integer, ? extends Integer>> events) {
      for (CacheEntryEvent<? extends Integer, ? extends Integer> event : events) {
        SEEN.computeIfAbsent(name, n -> new ConcurrentHashMap<>())
            .computeIfAbsent(event.getKey(), k -> new CopyOnWriteArrayList<>()).add(event.getValue());
        COUNT.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
      }
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends Integer, ? extends Integer>> events) {
      record(events);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends Integer, ? extends Integer>> events) {
      record(events);
    }
  }

  @Test
  void synchronousAndAsynchronousListenersSeeEveryEventInKeyOrder() throws Exception {
    AtriumConfiguration<Integer, Integer> config = new AtriumConfiguration<Integer, Integer>()
        .setStoreByValue(false)
        .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(new Recorder("sync")), null, false, true))
        .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(new Recorder("async")), null, true, false));
    Cache<Integer, Integer> cache = TestCaches.create(manager, config);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    for (int t = 0; t < THREADS; t++) {
      int key = t;
      pool.execute(() -> {
        for (int value = 0; value < UPDATES; value++) {
          cache.put(key, value);
        }
      });
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    assertEquals(THREADS * UPDATES, Recorder.COUNT.get("sync").get());

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Recorder.COUNT.get("async") == null || Recorder.COUNT.get("async").get() < THREADS * UPDATES) {
      assertTrue(System.nanoTime() < deadline, "asynchronous events did not all arrive");
      Thread.sleep(10);
    }
    assertEquals(THREADS * UPDATES, Recorder.COUNT.get("async").get());
    for (String name : List.of("sync", "async")) {
      for (int key = 0; key < THREADS; key++) {
        List<Integer> values = Recorder.SEEN.get(name).get(key);
        for (int i = 0; i < UPDATES; i++) {
          assertEquals(i, values.get(i), name + " listener, key " + key + ", event " + i);
        }
      }
    }
  }
}
