package dev.atrium.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import dev.atrium.tiers.memory.EvictionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.processor.EntryProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code invoke} is atomic per key: concurrent read-modify-writes never lose an update. */
class InvokeConcurrencyTest {
  private static final int THREADS = 8;
  private static final int INCREMENTS = 5_000;

  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void close() {
    manager.close();
  }

  static final EntryProcessor<String, Long, Long> INCREMENT = (entry, arguments) -> {
    long next = (entry.exists() ? entry.getValue() : 0L) + 1;
    entry.setValue(next);
    return next;
  };

  @ParameterizedTest
  @EnumSource(EvictionPolicy.class)
  void concurrentIncrementsOnOneKeyAreAllKept(EvictionPolicy policy) throws Exception {
    Cache<String, Long> cache = TestCaches.create(manager,
        new AtriumConfiguration<String, Long>().evictionPolicy(policy).setStoreByValue(false));
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < INCREMENTS; i++) {
          cache.invoke("counter", INCREMENT);
          cache.invoke("other-" + (i % 16), INCREMENT);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> future : futures) {
      future.get();
    }
    pool.shutdown();
    assertEquals(THREADS * INCREMENTS, cache.get("counter"));
    long others = 0;
    for (int k = 0; k < 16; k++) {
      others += cache.get("other-" + k);
    }
    assertEquals(THREADS * INCREMENTS, others);
  }
}
