package dev.atrium.bench.jcache;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * 75% reads, 25% writes (every fourth operation of a thread is a put), on a full cache that holds
 * every key: reads hit, writes replace a value.
 */
public class ReadWriteBenchmark extends ProviderState {

  @Override
  protected int capacity() {
    return HOLDS_EVERY_KEY;
  }

  @Override
  protected boolean prepopulate() {
    return true;
  }

  @Benchmark
  public Integer readWrite(ThreadCursor cursor) {
    Integer key = cursor.nextKey();
    if ((cursor.lastIndex() & 3) == 0) {
      cache.put(key, key);
      return key;
    }
    return cache.get(key);
  }
}
