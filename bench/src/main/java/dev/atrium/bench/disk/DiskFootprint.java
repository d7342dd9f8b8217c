package dev.atrium.bench.disk;

import dev.atrium.bench.Permutations;
import dev.atrium.tiers.disk.DiskCursor;
import dev.atrium.tiers.disk.DiskTierStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * What JMH does not measure: heap bits per disk-resident entry, bytes on disk against the budget
 * while the same keys are overwritten 10 times, and write amplification (RocksDB's file writes:
 * WAL, flushes, compactions, per byte inserted), for Atrium and for raw RocksDB with the same
 * options and workload. Each round overwrites every key once, in a fresh random order.
 *
 * <p>{@code java -cp ... dev.atrium.bench.disk.DiskFootprint [budgetMiB=32]}
 */
public final class DiskFootprint {
  private DiskFootprint() {}

  public static void main(String[] args) throws IOException {
    long budget = (args.length > 0 ? Long.parseLong(args[0]) : 32) << 20;
    System.out.printf("budget %d MiB, 10 rounds over keys whose values alone fill the budget%n",
        budget >> 20);
    System.out.println("store   value  resident  heapBits/entry  peakDisk/budget  endDisk/budget"
        + "  writeAmp/userByte  writeAmp/recordByte  falsePositive%");
    for (int valueSize : new int[] {100, 1024}) {
      atrium(budget, valueSize);
      raw(budget, valueSize);
    }
  }

  private static void atrium(long budget, int valueSize) throws IOException {
    Path dir = Files.createTempDirectory("atrium-footprint");
    int keys = (int) (budget / (valueSize + 12));
    byte[][] keyBytes = keys(keys);
    try (AtriumStore store = new AtriumStore(dir, budget, keyBytes)) {
      Overwrites run = overwrite(store, keyBytes, valueSize, store.tier::diskBytes);
      long end = store.tier.diskBytes();
      long peak = Math.max(run.peakDiskBytes, end);
      long userBytes = run.userBytes;
      long resident = 0;
      try (DiskCursor cursor = store.tier.entries()) {
        while (cursor.hasNext()) {
          cursor.next();
          resident++;
        }
      }
      long absentProbes = 200_000;
      long maybe = 0;
      for (long i = 0; i < absentProbes; i++) {
        maybe += store.tier.mayContain(("absent-" + i).getBytes()) ? 1 : 0;
      }
      DiskTierStats stats = store.tier.stats();
      System.out.printf("atrium  %5d  %8d  %14.1f  %15.2f  %14.2f  %17.2f  %19.2f  %14.2f%n",
          valueSize, resident, stats.heapBytes() * 8.0 / resident, (double) peak / budget,
          (double) end / budget, (double) stats.storageBytesWritten() / userBytes,
          stats.writeAmplification(), 100.0 * maybe / absentProbes);
    } finally {
      delete(dir);
    }
  }

  private static void raw(long budget, int valueSize) throws IOException {
    Path dir = Files.createTempDirectory("rocks-footprint");
    int keys = (int) (budget / (valueSize + 12));
    byte[][] keyBytes = keys(keys);
    try (RawRocksStore store = new RawRocksStore(dir, budget, keyBytes)) {
      Overwrites run = overwrite(store, keyBytes, valueSize, () -> size(dir));
      long end = size(dir);
      long peak = Math.max(run.peakDiskBytes, end);
      long userBytes = run.userBytes;
      System.out.printf("rocksdb %5d  %8d  %14s  %15.2f  %14.2f  %17.2f  %19s  %14s%n",
          valueSize, keys, "-", (double) peak / budget, (double) end / budget,
          store.writeAmplification(userBytes), "-", "-");
    } finally {
      delete(dir);
    }
  }

  /** What the overwrite workload wrote and the most disk it saw in use. */
  private record Overwrites(long userBytes, long peakDiskBytes) {}

  /** A source of the store's bytes on disk. */
  private interface DiskBytes {
    long get() throws IOException;
  }

  /**
   * The workload of the footprint report: 10 rounds, each writing every key once with fresh
   * random bytes, in a new random order; the disk's size sampled every 5,000 puts.
   */
  private static Overwrites overwrite(BenchStore store, byte[][] keyBytes, int valueSize,
      DiskBytes diskBytes) throws IOException {
    int keys = keyBytes.length;
    byte[] value = new byte[valueSize];
    SplittableRandom random = new SplittableRandom(valueSize);
    long peak = 0;
    long userBytes = 0;
    for (int round = 0; round < 10; round++) {
      int[] order = Permutations.of(keys, random::nextInt);
      for (int k = 0; k < keys; k++) {
        random.nextBytes(value);
        store.put(order[k], value);
        userBytes += keyBytes[order[k]].length + valueSize;
        if (k % 5_000 == 0) {
          peak = Math.max(peak, diskBytes.get());
        }
      }
    }
    return new Overwrites(userBytes, peak);
  }

  private static byte[][] keys(int n) {
    byte[][] keys = new byte[n][];
    for (int i = 0; i < n; i++) {
      keys[i] = BenchStore.key(i);
    }
    return keys;
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
