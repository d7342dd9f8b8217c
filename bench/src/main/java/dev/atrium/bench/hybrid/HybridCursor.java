package dev.atrium.bench.hybrid;

import dev.atrium.bench.jcache.ZipfKeys;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Each thread's own Zipf(0.99) stream over {@link HybridBenchmark#KEY_SPACE} keys: the same
 * generator as the JCache benchmarks (fixed seeds, keys boxed in advance), over a key space ten
 * times the memory tier, with the same popularity for every thread but drawn independently.
 *
 * <p>Why not one shared stream, as the JCache benchmarks walk: two threads walking one sequence
 * from random offsets drift into lockstep. The thread behind then misses on exactly the keys the
 * one ahead is reading from disk at that moment, so every disk read has two readers. A cache
 * that reads each key once (single flight) makes the second thread wait, one that does not makes
 * it read too; either way the score depended on where the two offsets happened to start (runs
 * were bimodal) and measured a pattern independent clients do not produce.
 */
@State(Scope.Thread)
public class HybridCursor {
  static final ZipfKeys KEYS = new ZipfKeys(HybridBenchmark.KEY_SPACE, ZipfKeys.STREAM, ZipfKeys.SKEW, 42);

  private final Integer[] keys = KEYS.keys;
  private int[] stream;
  private int index;

  @Setup
  public void start(ThreadParams thread) {
    stream = KEYS.threadStream(thread.getThreadIndex());
  }

  Integer nextKey() {
    return keys[stream[index++ & ZipfKeys.STREAM_MASK]];
  }
}
