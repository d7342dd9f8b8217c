package dev.atrium.bench.jcache;

import java.util.concurrent.TimeUnit;
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
 * The cache under test, shared by the benchmark's threads: one per trial, created by the provider
 * the {@code provider} parameter names, sized and filled as the workload asks. The defaults (two
 * threads, one fork, short iterations) suit a shared two-core machine; override them on the
 * command line for longer runs.
 */
@State(Scope.Benchmark)
@Threads(2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public abstract class ProviderState {
  @Param({"atrium-tinylfu", "atrium-lru", "atrium-fifo", "atrium-sieve", "atrium-s3fifo",
      "caffeine-jcache", "ehcache", "cache2k", "caffeine-raw", "chm"})
  public String provider;

  /**
   * The capacity of the workloads that must never evict: twice the key space, because a sharded
   * tier bounds each shard by its share of the capacity, and keys never spread over the shards
   * exactly evenly (at exactly the key space, Atrium's sharded policies lose a few keys).
   */
  protected static final int HOLDS_EVERY_KEY = 2 * ZipfKeys.KEY_SPACE;

  protected BenchCache<Integer, Integer> cache;

  /** The bound of the cache, in entries. */
  protected abstract int capacity();

  /** Whether every key is loaded before timing starts (and must still be there afterwards). */
  protected abstract boolean prepopulate();

  @Setup(Level.Trial)
  public void createCache() {
    cache = Providers.create(provider, capacity());
    if (prepopulate()) {
      Integer[] keys = ZipfKeys.instance().keys;
      for (Integer key : keys) {
        cache.put(key, key);
      }
      int missing = 0;
      for (Integer key : keys) {
        if (cache.get(key) == null) {
          missing++;
        }
      }
      if (missing > 0) {
        throw new IllegalStateException(provider + " lost " + missing + " of " + keys.length
            + " keys right after loading them into a cache of capacity " + capacity()
            + ": the workload would not be what it says");
      }
    }
  }

  @TearDown(Level.Trial)
  public void closeCache() {
    if (cache != null) {
      cache.close();
    }
  }
}
