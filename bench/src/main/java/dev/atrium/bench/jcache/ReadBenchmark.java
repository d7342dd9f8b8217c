package dev.atrium.bench.jcache;

import org.openjdk.jmh.annotations.Benchmark;

/** Reads only: every key is loaded first and the capacity (twice the keys) holds them all, so every get hits. */
public class ReadBenchmark extends ProviderState {

  @Override
  protected int capacity() {
    return HOLDS_EVERY_KEY;
  }

  @Override
  protected boolean prepopulate() {
    return true;
  }

  @Benchmark
  public Integer read(ThreadCursor cursor) {
    return cache.get(cursor.nextKey());
  }
}
