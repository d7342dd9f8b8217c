package dev.atrium.bench.hybrid;

import dev.atrium.bench.jcache.ZipfKeys;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Each thread's position in a Zipf(0.99) stream over {@link HybridBenchmark#KEY_SPACE} keys: the
 * same generator as the JCache benchmarks (fixed seeds, keys boxed in advance), over a key space
 * ten times the memory tier. Each thread starts at its own random offset.
 */
@State(Scope.Thread)
public class HybridCursor {
  static final ZipfKeys KEYS = new ZipfKeys(HybridBenchmark.KEY_SPACE, ZipfKeys.STREAM, ZipfKeys.SKEW, 42);

  private final Integer[] keys = KEYS.keys;
  private final int[] stream = KEYS.stream;
  private int index;

  @Setup
  public void start() {
    index = ThreadLocalRandom.current().nextInt(ZipfKeys.STREAM);
  }

  Integer nextKey() {
    return keys[stream[index++ & ZipfKeys.STREAM_MASK]];
  }
}
