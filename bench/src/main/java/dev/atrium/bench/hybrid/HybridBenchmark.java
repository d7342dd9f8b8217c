package dev.atrium.bench.hybrid;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A hybrid cache under a working set ten times its memory: Atrium's memory + disk store against
 * Ehcache 3's heap + disk tiers of the same sizes, both through JCache, in the same run.
 *
 * <p>Workload: two threads, Zipf(0.99) over {@value #KEY_SPACE} {@code Integer} keys, a memory
 * tier of {@value #MEMORY_ENTRIES} entries, {@value #VALUE_BYTES}-byte {@code byte[]} values, a
 * disk budget of {@value #DISK_MIB} MiB each. Read-through by hand: {@code get}, and on a miss
 * {@code put} a fresh value (a copy, as an origin would hand out; no loader, so only the cache is
 * measured). Every key is loaded before timing (and the write queue drained), so the disk holds
 * the whole working set: a miss means the cache lost the entry.
 */
@State(Scope.Benchmark)
@Threads(2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class HybridBenchmark {
  static final int KEY_SPACE = 200_000;
  static final int MEMORY_ENTRIES = 20_000;
  static final int VALUE_BYTES = 256;
  static final int DISK_MIB = 256;

  /** Distinct value contents (random, so the disks' compression gains nothing); each put copies one. */
  private static final byte[][] CONTENTS = new byte[4096][VALUE_BYTES];

  static {
    Random random = new Random(7);
    for (byte[] content : CONTENTS) {
      random.nextBytes(content);
    }
  }

  @Param({"atrium-hybrid", "atrium-hybrid-tinylfu", "atrium-hybrid-sieve", "ehcache-heap-disk"})
  public String provider;

  private HybridCaches caches;

  /** A new value for {@code key}, as an origin would return it: nobody else holds it. */
  static byte[] valueOf(Integer key) {
    return CONTENTS[key & (CONTENTS.length - 1)].clone();
  }

  @Setup(Level.Trial)
  public void createAndLoad() {
    caches = HybridCaches.create(provider, MEMORY_ENTRIES, DISK_MIB);
    long start = System.nanoTime();
    Integer[] keys = HybridCursor.KEYS.keys;
    for (int i = 0; i < keys.length; i++) {
      caches.cache.put(keys[i], valueOf(keys[i]));
      if (i % 5_000 == 4_999) {
        caches.flush(); // a loader would not outrun the disk: keep the write queue from dropping
      }
    }
    caches.flush();
    int missing = 0;
    for (Integer key : keys) {
      if (caches.cache.get(key) == null) {
        missing++;
      }
    }
    caches.settle();
    System.err.printf("%nhybrid: %s loaded %d keys in %.1f s, %d missing on reading them back; %s%n",
        provider, keys.length, (System.nanoTime() - start) / 1e9, missing, caches.stats());
    if (missing > keys.length / 100) {
      throw new IllegalStateException(provider + " lost " + missing + " of " + keys.length
          + " keys right after loading them: the disk does not hold the working set");
    }
  }

  @TearDown(Level.Trial)
  public void report() {
    System.err.printf("%nhybrid: %s at the end (load included): %s%n", provider, caches.stats());
    caches.close();
  }

  @Benchmark
  public byte[] getPutOnMiss(HybridCursor cursor, HitCounters counters) {
    Integer key = cursor.nextKey();
    byte[] value = caches.cache.get(key);
    if (value == null) {
      counters.misses++;
      value = valueOf(key);
      caches.cache.put(key, value);
    } else {
      counters.hits++;
    }
    return value;
  }
}
