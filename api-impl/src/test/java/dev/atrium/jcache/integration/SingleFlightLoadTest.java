package dev.atrium.jcache.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.integration.CacheLoader;
import org.junit.jupiter.api.Test;

/** Concurrent misses on one key cause one load, and every caller sees its result. */
class SingleFlightLoadTest {

  @Test
  void concurrentMissesShareOneLoad() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    CacheLoader<String, String> slow = new CacheLoader<>() {
      @Override
      public String load(String key) {
        loads.incrementAndGet();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return "v-" + key;
      }

      @Override
      public Map<String, String> loadAll(Iterable<? extends String> keys) {
        Map<String, String> loaded = new java.util.HashMap<>();
        keys.forEach(key -> loaded.put(key, load(key)));
        return loaded;
      }
    };
    ReadThrough<String, String> readThrough = new ReadThrough<>(slow);
    int threads = 32;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch started = new CountDownLatch(threads);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      results.add(pool.submit(() -> {
        started.countDown();
        return readThrough.load("k", loaded -> loaded);
      }));
    }
    started.await();
    Thread.sleep(100);
    release.countDown();
    for (Future<String> result : results) {
      assertEquals("v-k", result.get());
    }
    pool.shutdown();
    assertEquals(1, loads.get());
  }
}
