package dev.atrium.bench.jcache;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * The cache-aside pattern under eviction: get, and put on a miss, with a capacity of a sixteenth of
 * the keys, so the eviction policy's bookkeeping and its hit ratio both show in the throughput.
 * Starts empty; warmup fills it. The map ({@code chm}) never evicts and so only shows the ceiling.
 */
public class GetPutOnMissBenchmark extends ProviderState {

  @Override
  protected int capacity() {
    return ZipfKeys.KEY_SPACE / 16;
  }

  @Override
  protected boolean prepopulate() {
    return false;
  }

  @Benchmark
  public Integer getPutOnMiss(ThreadCursor cursor) {
    Integer key = cursor.nextKey();
    Integer value = cache.get(key);
    if (value == null) {
      cache.put(key, key);
    }
    return value;
  }
}
