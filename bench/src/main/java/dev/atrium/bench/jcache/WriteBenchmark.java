package dev.atrium.bench.jcache;

import org.openjdk.jmh.annotations.Benchmark;

/** Writes only, on a full cache that holds every key: every put replaces a value, none evicts. */
public class WriteBenchmark extends ProviderState {

  @Override
  protected int capacity() {
    return HOLDS_EVERY_KEY;
  }

  @Override
  protected boolean prepopulate() {
    return true;
  }

  @Benchmark
  public void write(ThreadCursor cursor) {
    Integer key = cursor.nextKey();
    cache.put(key, key);
  }
}
