package dev.atrium.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.cache.Cache;

/**
 * Replays a stream of object ids against a cache from several threads, timing every
 * {@code cache.get} and checking every value it returns against the store's bytes.
 */
final class LoadDriver {
  /** What one phase saw: each read's latency in nanoseconds (in stream order), its wall time. */
  record Phase(long[] latencies, long wallNanos, long wrongValues) {}

  private final Cache<String, byte[]> cache;
  private final String[] keyOfId;

  LoadDriver(Cache<String, byte[]> cache, int objects) {
    this.cache = cache;
    this.keyOfId = new String[objects];
    for (int id = 0; id < objects; id++) {
      keyOfId[id] = keyOf(id);
    }
  }

  /** The cache key (and store path) of object {@code id}. */
  static String keyOf(int id) {
    return String.format("objects/%06d", id);
  }

  /** Reads {@code ids[from, to)} from {@code threads} threads, under a progress bar. */
  Phase run(String label, int[] ids, int from, int to, int threads) throws InterruptedException {
    long[] latencies = new long[to - from];
    AtomicInteger next = new AtomicInteger(from);
    AtomicLong finished = new AtomicLong();
    AtomicLong wrong = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable client = () -> {
      try {
        for (int i = next.getAndIncrement(); i < to && failure.get() == null; i = next.getAndIncrement()) {
          int id = ids[i];
          long start = System.nanoTime();
          byte[] value = cache.get(keyOfId[id]);
          latencies[i - from] = System.nanoTime() - start;
          if (!Arrays.equals(value, SlowObjectStore.objectBytes(id))) {
            wrong.incrementAndGet();
          }
          finished.incrementAndGet();
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    };
    long start = System.nanoTime();
    List<Thread> clients = new ArrayList<>();
    try (ProgressBar bar = ProgressBar.start(label, to - from, finished::get)) {
      for (int t = 0; t < threads; t++) {
        Thread thread = new Thread(client, "client-" + t);
        clients.add(thread);
        thread.start();
      }
      for (Thread thread : clients) {
        thread.join();
      }
    }
    long wallNanos = System.nanoTime() - start;
    if (failure.get() != null) {
      throw new IllegalStateException("a client failed: " + failure.get(), failure.get());
    }
    return new Phase(latencies, wallNanos, wrong.get());
  }
}
