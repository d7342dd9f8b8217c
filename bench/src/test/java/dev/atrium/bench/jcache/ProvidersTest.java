package dev.atrium.bench.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the benchmarks take for granted about each provider's cache. */
class ProvidersTest {

  @ParameterizedTest
  @ValueSource(strings = {"atrium-tinylfu", "atrium-lru", "atrium-fifo", "atrium-sieve", "atrium-s3fifo",
      "caffeine-jcache", "ehcache", "cache2k", "caffeine-raw", "chm"})
  void storesByReference(String provider) {
    try (BenchCache<Integer, Integer> cache = Providers.create(provider, 1_000)) {
      Integer key = 1_000_000;
      Integer value = Integer.valueOf(2_000_000);
      assertNull(cache.get(key));
      cache.put(key, value);
      assertSame(value, cache.get(key), provider + " must hand back the very instance it was given");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"atrium-tinylfu", "atrium-lru", "atrium-fifo", "atrium-sieve", "atrium-s3fifo",
      "caffeine-jcache", "ehcache", "cache2k", "caffeine-raw"})
  void isBounded(String provider) throws InterruptedException {
    try (BenchCache<Integer, Integer> cache = Providers.create(provider, 100)) {
      for (int i = 0; i < 10_000; i++) {
        cache.put(i, i);
      }
      Thread.sleep(200); // Caffeine's JCache and raw Caffeine evict on an executor
      long present = 0;
      for (int i = 0; i < 10_000; i++) {
        if (cache.get(i) != null) {
          present++;
        }
      }
      assertTrue(present <= 150, provider + " kept " + present + " entries at a capacity of 100");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"atrium-tinylfu", "atrium-lru", "atrium-fifo", "atrium-sieve", "atrium-s3fifo",
      "caffeine-jcache", "ehcache", "cache2k", "caffeine-raw", "chm"})
  void theNoEvictionCapacityHoldsEveryKey(String provider) {
    try (BenchCache<Integer, Integer> cache = Providers.create(provider, ProviderState.HOLDS_EVERY_KEY)) {
      for (Integer key : ZipfKeys.instance().keys) {
        cache.put(key, key);
      }
      for (Integer key : ZipfKeys.instance().keys) {
        assertSame(key, cache.get(key), provider + " lost key " + key);
      }
    }
  }

  @Test
  void unknownProvidersAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Providers.create("jcs", 10));
    assertTrue(e.getMessage().contains("'jcs'"), e.getMessage());
  }

  @Test
  void zipfKeysAreSkewedAndInRange() {
    ZipfKeys zipf = ZipfKeys.instance();
    assertEquals(ZipfKeys.STREAM, zipf.stream.length);
    int[] counts = new int[ZipfKeys.KEY_SPACE];
    for (int index : zipf.stream) {
      counts[index]++;
    }
    int[] sorted = Arrays.stream(counts).sorted().toArray();
    int hottest = sorted[sorted.length - 1];
    // Zipf(0.99) over 2^16 keys: the top key draws roughly 8% of the requests
    assertTrue(hottest > ZipfKeys.STREAM / 20 && hottest < ZipfKeys.STREAM / 8, "hottest key drawn " + hottest);
  }

  @Test
  void independentStreamsShareThePopularityButNotTheSequence() {
    ZipfKeys zipf = new ZipfKeys(1_000, 1 << 16, ZipfKeys.SKEW, 42);
    int[] other = zipf.independentStream(7);
    assertEquals(zipf.stream.length, other.length);
    assertEquals(hottestKey(zipf.stream), hottestKey(other), "the same key is the most popular");
    int same = 0;
    for (int i = 0; i < other.length; i++) {
      same += zipf.stream[i] == other[i] ? 1 : 0;
    }
    // two independent draws agree at a position about as often as the popularity allows (~2%)
    assertTrue(same < other.length / 10, "positions that agree: " + same);
  }

  private static int hottestKey(int[] stream) {
    int[] counts = new int[1_000];
    int hottest = 0;
    for (int key : stream) {
      if (++counts[key] > counts[hottest]) {
        hottest = key;
      }
    }
    return hottest;
  }
}
