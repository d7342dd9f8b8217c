package dev.atrium.bench.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Disk-resident gets and inserts: Atrium's disk tier against raw RocksDB point get/put with the
 * same options (the ceiling) and Ehcache 3's disk tier, in one run, 2 threads.
 *
 * <p>Each trial opens an empty store in a fresh directory, loads {@link #KEYS} keys, flushes so
 * the gets read table files (through the OS page cache), then measures. {@code get} reads keys
 * that are present; {@code put} overwrites keys of the same key space (Atrium evicts inside sets
 * as its budget fills; RocksDB compacts). Run, e.g.:
 * {@code java -cp ... org.openjdk.jmh.Main DiskStoreBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s -t 2}
 *
 * <p><b>A fixed, pre-touched heap</b> ({@code -Xms1g -Xmx1g -XX:+AlwaysPreTouch}) for every
 * store. With the JVM's defaults the heap starts at 1/64 of the machine's memory and grows while
 * the fork runs; every page of a region it adds is faulted in by the first allocation there. A
 * store that allocates per put (Atrium builds each record in a new array, about 160 MB/s at 1 KiB)
 * paid those faults through the first two measured iterations (G1 reached its steady eden after
 * about 7 seconds): a warm-up cost, which RocksDB, allocating in native memory, does not show. A
 * heap sized up front, as a server running a cache has, measures the steady state. With the
 * defaults instead ({@code -jvmArgsAppend} on the command line replaces these flags), Atrium's
 * 1 KiB inserts measured about 9% slower and RocksDB's the same.
 *
 * <p><b>Values</b> ({@link #values}): {@code same} puts one random value every time, as the
 * benchmark always has. LZ4 then shrinks every value in a 4 KiB block but the first to a few
 * bytes, so the stores' table bytes, and their compaction work, are mostly keys and framing.
 * {@code distinct} cycles through {@link #DISTINCT_VALUES} random values, so that a block holds
 * different values, as a cache's blocks do: the values are then most of the bytes written.
 */
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
public class DiskStoreBenchmark {
  static final int KEYS = 50_000;
  static final long BUDGET = 256L << 20;
  /** Values a {@code distinct} run cycles through (a power of two). */
  static final int DISTINCT_VALUES = 1024;
  private static final int SAMPLES = 1 << 16;

  @Param({"atrium", "rocksdb", "ehcache"})
  public String store;

  @Param({"100", "1024"})
  public int valueSize;

  @Param({"UNIFORM", "ZIPF"})
  public KeyDistribution distribution;

  @Param({"same", "distinct"})
  public String values;

  BenchStore target;
  /** The values put, in turn: one, or {@link #DISTINCT_VALUES}. */
  byte[][] valuePool;
  private Path dir;
  private final AtomicInteger threadSeeds = new AtomicInteger();

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("atrium-disk-bench");
    target = BenchStores.open(store, dir, BUDGET, BenchStores.keys(KEYS));
    int poolSize = switch (values) {
      case "same" -> 1;
      case "distinct" -> DISTINCT_VALUES;
      default -> throw new IllegalArgumentException("values: " + values);
    };
    valuePool = BenchStores.randomValues(poolSize, valueSize);
    BenchStores.load(target, KEYS, valuePool);
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    target.close();
    BenchStores.deleteTree(dir);
  }

  /** Per thread: a cursor over pre-drawn key indexes. */
  @State(Scope.Thread)
  public static class Cursor {
    int[] samples;
    int next;

    @Setup(Level.Trial)
    public void draw(DiskStoreBenchmark bench) {
      samples = bench.distribution.samples(KEYS, SAMPLES, 31L * bench.threadSeeds.incrementAndGet());
    }

    int next() {
      return samples[next++ & (SAMPLES - 1)];
    }

    /** The value of the put {@link #next()} just drew the key of. */
    byte[] value(byte[][] pool) {
      return pool[next & (pool.length - 1)];
    }
  }

  @Benchmark
  public byte[] get(Cursor cursor) {
    return target.get(cursor.next());
  }

  @Benchmark
  public void put(Cursor cursor) {
    target.put(cursor.next(), cursor.value(valuePool));
  }
}
