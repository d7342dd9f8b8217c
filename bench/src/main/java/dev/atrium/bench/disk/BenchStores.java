package dev.atrium.bench.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The set-up the disk benchmarks share, so that every tool measures the same stores on the same
 * keys and values: {@link DiskStoreBenchmark} and {@link InsertAnatomy}.
 */
final class BenchStores {
  private BenchStores() {}

  /** The key bytes of indexes {@code 0..count-1} ({@link BenchStore#key}). */
  static byte[][] keys(int count) {
    byte[][] keys = new byte[count][];
    for (int i = 0; i < count; i++) {
      keys[i] = BenchStore.key(i);
    }
    return keys;
  }

  /** An empty store named {@code atrium}, {@code rocksdb} or {@code ehcache} in {@code dir}. */
  static BenchStore open(String store, Path dir, long budget, byte[][] keys) {
    return switch (store) {
      case "atrium" -> new AtriumStore(dir, budget, keys);
      case "rocksdb" -> new RawRocksStore(dir, budget, keys);
      case "ehcache" -> new EhcacheStore(dir, budget);
      default -> throw new IllegalArgumentException("store: " + store);
    };
  }

  /** {@code count} random values of {@code size} bytes, the same in every run. */
  static byte[][] randomValues(int count, int size) {
    byte[][] values = new byte[count][size];
    SplittableRandom random = new SplittableRandom(7);
    for (byte[] v : values) {
      random.nextBytes(v);
    }
    return values;
  }

  /** Puts every key once, the values in turn, then flushes: the stores start disk-resident. */
  static void load(BenchStore target, int keys, byte[][] values) {
    for (int i = 0; i < keys; i++) {
      target.put(i, values[i % values.length]);
    }
    target.flush();
  }

  /** Deletes {@code dir} and everything under it. */
  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
