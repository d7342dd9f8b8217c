package dev.atrium.bench.disk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where inserts wait: two writer threads put into one store for a fixed time, then RocksDB's own
 * account is printed beside the puts per second: the share of the time writes were stalled by its
 * write controller, and the CPU its compactions spent per GB they wrote. At 1 KiB both Atrium and
 * raw RocksDB are stalled about half the time while the compaction thread runs throughout, so
 * what compaction costs per put sets how fast inserts go (bench/README.md, "Inserts at 1 KiB,
 * fifth look"). Keys, budget and values are {@link DiskStoreBenchmark}'s with
 * {@code values=distinct}.
 *
 * <p>Run, after {@code mvn -q -B -pl bench -am package -DskipTests}:
 * {@code java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp bench/target/atrium-bench.jar
 * dev.atrium.bench.disk.InsertAnatomy STORE VALUE_BYTES SECONDS DISTRIBUTION}, where STORE is
 * {@code atrium}, {@code rocksdb}, or {@code rocksdb-keyed-values} (raw RocksDB whose values
 * begin with their key's text, as each Atrium record carries its key), and DISTRIBUTION is
 * {@code UNIFORM} or {@code ZIPF}. Run the stores in turn, several times: the machine's noise
 * moves single runs by 10% and more.
 */
public final class InsertAnatomy {
  private static final int WRITERS = 2;
  private static final int SAMPLES = 1 << 16;
  private static final Pattern STALL =
      Pattern.compile("Cumulative stall: \\S+ H:M:S, ([0-9.]+) percent");

  private InsertAnatomy() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      throw new IllegalArgumentException(
          "usage: InsertAnatomy atrium|rocksdb|rocksdb-keyed-values VALUE_BYTES SECONDS "
              + "UNIFORM|ZIPF");
    }
    String store = args[0];
    if (!List.of("atrium", "rocksdb", "rocksdb-keyed-values").contains(store)) {
      throw new IllegalArgumentException("STORE: atrium, rocksdb or rocksdb-keyed-values, was "
          + store); // Ehcache's store has no RocksDB statistics to report
    }
    int valueBytes = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    KeyDistribution distribution = KeyDistribution.valueOf(args[3].toUpperCase(Locale.ROOT));
    if (seconds < 3) {
      throw new IllegalArgumentException("SECONDS: at least 3 (1 of warm-up), was " + seconds);
    }
    boolean keyedValues = store.equals("rocksdb-keyed-values");
    byte[][] keys = BenchStores.keys(DiskStoreBenchmark.KEYS);
    byte[][] values = BenchStores.randomValues(DiskStoreBenchmark.DISTINCT_VALUES, valueBytes);
    Path dir = Files.createTempDirectory("insert-anatomy");
    try (BenchStore target = BenchStores.open(
        keyedValues ? "rocksdb" : store, dir, DiskStoreBenchmark.BUDGET, keys)) {
      BenchStores.load(target, keys.length, values);
      double putsPerSecond = run(target, distribution, keys, values, keyedValues, seconds);
      report(store, distribution, valueBytes, putsPerSecond, target);
    } finally {
      BenchStores.deleteTree(dir);
    }
  }

  /** Puts from {@link #WRITERS} threads; returns puts per second after one second of warm-up. */
  private static double run(BenchStore target, KeyDistribution distribution, byte[][] keys,
      byte[][] values, boolean keyedValues, int seconds) throws InterruptedException {
    AtomicLong puts = new AtomicLong();
    Thread[] writers = new Thread[WRITERS];
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    for (int t = 0; t < WRITERS; t++) {
      int[] samples = distribution.samples(keys.length, SAMPLES, 31L * (t + 1));
      writers[t] = new Thread(() -> {
        byte[] keyed = new byte[values[0].length];
        int n = 0;
        while ((n & 255) != 0 || System.nanoTime() < end) {
          int index = samples[n & (SAMPLES - 1)];
          byte[] value = values[n & (values.length - 1)];
          if (keyedValues) {
            int k = Math.min(keys[index].length, keyed.length);
            System.arraycopy(keys[index], 0, keyed, 0, k);
            System.arraycopy(value, k, keyed, k, keyed.length - k);
            value = keyed;
          }
          target.put(index, value);
          n++;
          if ((n & 255) == 0) {
            puts.addAndGet(256);
          }
        }
      });
      writers[t].start();
    }
    Thread.sleep(1000);
    long before = puts.get();
    long from = System.nanoTime();
    for (Thread writer : writers) {
      writer.join();
    }
    return (puts.get() - before) * 1e9 / (System.nanoTime() - from);
  }

  private static void report(String store, KeyDistribution distribution, int valueBytes,
      double putsPerSecond, BenchStore target) {
    String stats = target.engineProperty("rocksdb.stats");
    String dbStats = target.engineProperty("rocksdb.dbstats");
    Matcher stall = STALL.matcher(dbStats == null ? "" : dbStats);
    double[] compaction = compactionSum(stats == null ? "" : stats);
    System.out.printf(Locale.ROOT,
        "%s %s %d B: %.0f puts/s; writes stalled %s%% of the time; compactions wrote %.2f GB "
            + "with %.1f s of CPU: %.2f s per GB%n",
        store, distribution, valueBytes, putsPerSecond, stall.find() ? stall.group(1) : "?",
        compaction[0], compaction[1], compaction[1] / compaction[0]);
  }

  /**
   * {@code Write(GB)} and {@code CompMergeCPU(sec)} of the {@code Sum} row of RocksDB's
   * compaction table; the row's size takes two tokens ("90.76 MB") where the header has one.
   */
  static double[] compactionSum(String stats) {
    List<String> header = null;
    for (String line : stats.split("\n")) {
      List<String> tokens = Arrays.asList(line.trim().split("\\s+"));
      if (tokens.contains("CompMergeCPU(sec)") && tokens.get(0).equals("Level")) {
        header = tokens;
      } else if (header != null && tokens.get(0).equals("Sum")) {
        int size = header.indexOf("Size");
        int write = header.indexOf("Write(GB)") + (header.indexOf("Write(GB)") > size ? 1 : 0);
        int cpu = header.indexOf("CompMergeCPU(sec)") + 1;
        return new double[] {
            Double.parseDouble(tokens.get(write)), Double.parseDouble(tokens.get(cpu))};
      }
    }
    throw new IllegalStateException("no compaction Sum row in RocksDB's stats:\n" + stats);
  }
}
