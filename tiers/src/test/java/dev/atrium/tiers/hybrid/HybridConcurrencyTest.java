package dev.atrium.tiers.hybrid;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.Ticker;
import dev.atrium.tiers.memory.EvictionPolicy;
import dev.atrium.tiers.memory.MemoryEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writers and readers racing on a tiny memory tier, so that entries move between memory, the
 * write queue and disk all the time: no read ever sees a value older than one already seen, and
 * a writer always reads back what it just wrote (or nothing, never an older value).
 */
class HybridConcurrencyTest {
  private static final int WRITERS = 3;
  private static final int KEYS_PER_WRITER = 40;
  /**
   * How long each policy's race runs: 1.5 s in every build; the stress profile runs it for a
   * minute (atrium.race.millis), because the windows this test has caught showed up about once in
   * 35 builds.
   */
  private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("atrium.race.millis", 1500));

  @TempDir
  Path directory;

  @ParameterizedTest
  @EnumSource(value = EvictionPolicy.class, names = {"S3FIFO", "TINYLFU", "SIEVE", "LRU"})
  void noReadGoesBackInTime(EvictionPolicy policy) throws Exception {
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    try (HybridStore<String, String> store = HybridStores.open(directory, 8, policy)) {
      List<Thread> threads = new ArrayList<>();
      long end = System.nanoTime() + RUN_NANOS;
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        threads.add(new Thread(() -> write(store, writer, end, violations)));
      }
      for (int r = 0; r < 2; r++) {
        threads.add(new Thread(() -> read(store, end, violations)));
      }
      threads.forEach(Thread::start);
      for (Thread thread : threads) {
        thread.join();
      }
      assertTrue(violations.isEmpty(), violations.size() + " stale reads, e.g. " + violations.peek());
      assertTrue(store.stats().written() > 0, "entries went to disk: " + store.stats());
    }
  }

  private static String key(int writer, int index) {
    return "w" + writer + "-k" + index;
  }

  private static void write(HybridStore<String, String> store, int writer, long end,
      ConcurrentLinkedQueue<String> violations) {
    long[] versions = new long[KEYS_PER_WRITER];
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (System.nanoTime() < end) {
      int index = random.nextInt(KEYS_PER_WRITER);
      String key = key(writer, index);
      long version = ++versions[index];
      if (random.nextInt(10) == 0) {
        store.remove(key);
        MemoryEntry<String, String> after = store.get(key);
        if (after != null) {
          violations.add(key + " read " + after.value() + " after its removal at version " + version);
        }
      } else {
        store.put(key, Long.toString(version), Ticker.NEVER);
        MemoryEntry<String, String> after = store.get(key);
        if (after != null && Long.parseLong(after.value()) != version) {
          violations.add(key + " read " + after.value() + " right after writing " + version);
        }
      }
    }
  }

  private static void read(HybridStore<String, String> store, long end,
      ConcurrentLinkedQueue<String> violations) {
    long[][] seen = new long[WRITERS][KEYS_PER_WRITER];
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (System.nanoTime() < end) {
      int writer = random.nextInt(WRITERS);
      int index = random.nextInt(KEYS_PER_WRITER);
      MemoryEntry<String, String> entry = random.nextBoolean()
          ? store.get(key(writer, index)) : store.peek(key(writer, index));
      if (entry != null) {
        long version = Long.parseLong(entry.value());
        if (version < seen[writer][index]) {
          violations.add(key(writer, index) + " went back from " + seen[writer][index] + " to " + version);
        }
        seen[writer][index] = Math.max(seen[writer][index], version);
      }
    }
  }
}
