package dev.atrium.tiers.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.Ticker;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes flipped in the data files, before a reopen or under a running tier: every read is then a
 * miss or the right value.
 */
class CorruptionTest {
  @TempDir
  Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] value(int i) {
    return ("value-" + i + "-" + "v".repeat(i % 400)).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] large(int i) {
    byte[] v = new byte[30_000];
    new Random(i).nextBytes(v);
    return v;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  void flippedBytesAreMissesOrCorrectValues(int seed) throws IOException {
    DiskTierConfig config = DiskTierConfig.builder(dir)
        .persistent(true)
        .budgetBytes(16L << 20)
        .setBytes(4 << 10)
        .compression(seed % 2 == 0 ? Compression.NONE : Compression.LZ4)
        .build();
    int n = 5_000;
    try (SetAssociativeDiskTier tier = SetAssociativeDiskTier.open(config)) {
      for (int i = 0; i < n; i++) {
        tier.store(b("k" + i), i % 500 == 0 ? large(i) : value(i), Ticker.NEVER);
      }
      if (seed != 6) {
        tier.flush();
      }
    }
    Random random = new Random(seed);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir.resolve("rocksdb"))) {
      files = walk.filter(p -> p.toString().endsWith(seed == 6 ? ".log" : ".sst"))
          .filter(p -> p.toFile().length() > 0)
          .collect(Collectors.toList());
    }
    assertFalse(files.isEmpty());
    for (int flip = 0; flip < seed; flip++) {
      flipOneBit(files, random, 1.0);
    }
    int found = 0;
    try (DiskTier tier = DiskTiers.open(config)) {
      for (int i = 0; i < n; i++) {
        DiskEntry e = tier.load(b("k" + i));
        if (e != null) {
          assertArrayEquals(i % 500 == 0 ? large(i) : value(i), e.value(), "k" + i);
          found++;
        }
      }
      try (DiskCursor c = tier.entries()) {
        while (c.hasNext()) {
          DiskEntry e = c.next();
          int i = Integer.parseInt(new String(e.key(), StandardCharsets.UTF_8).substring(1));
          assertArrayEquals(i % 500 == 0 ? large(i) : value(i), e.value(), "k" + i);
        }
      }
    }
    // found may be anything from 0 (a footer was hit: the store was wiped) to n
  }

  /**
   * Trims scan heads without RocksDB's block checksums ({@link KvStore#scanHeads}): damage they
   * walk over must still never reach a reader. Bytes are flipped in the table files of a running
   * tier (its reads go through memory maps, so they see the flips), then overwrites and removals
   * trim every set many times while reads are checked against a model.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void trimsOverDamagedBlocksNeverServeWrongValues(int seed) throws IOException {
    DiskTierConfig config = DiskTierConfig.builder(dir)
        .budgetBytes(4L << 20) // 256 sets, which the keys below fill
        .setBytes(4 << 10)
        .compression(Compression.NONE)
        .build();
    int n = 5_000;
    Map<Integer, byte[]> model = new HashMap<>();
    Random random = new Random(seed);
    try (SetAssociativeDiskTier tier = SetAssociativeDiskTier.open(config)) {
      for (int i = 0; i < n; i++) {
        tier.store(b("k" + i), value(i), Ticker.NEVER);
        model.put(i, value(i));
      }
      tier.flush();
      List<Path> tables;
      try (Stream<Path> walk = Files.walk(dir)) {
        tables = walk.filter(p -> p.toString().endsWith(".sst")).collect(Collectors.toList());
      }
      assertFalse(tables.isEmpty());
      for (int flip = 0; flip < 8 * seed; flip++) {
        // data blocks come first; the index and footer at the end are left alone
        flipOneBit(tables, random, 0.8);
      }
      long trimsBefore = tier.stats().trims();
      for (int op = 0; op < 30_000; op++) {
        int i = random.nextInt(n);
        int choice = random.nextInt(10);
        if (choice == 0) {
          tier.invalidate(b("k" + i));
          model.remove(i);
        } else if (choice < 6) {
          byte[] v = value(i + op);
          tier.store(b("k" + i), v, Ticker.NEVER);
          model.put(i, v);
        } else {
          assertServed(tier, model, i);
        }
      }
      assertTrue(tier.stats().trims() > trimsBefore, "no trim ran");
      for (int i = 0; i < n; i++) {
        assertServed(tier, model, i);
      }
      assertTrue(tier.stats().corrupt() > 0, "no damage was met");
    }
  }

  /** Flips one random bit of a random file among {@code files}, within its first {@code span}. */
  private static void flipOneBit(List<Path> files, Random random, double span) throws IOException {
    Path file = files.get(random.nextInt(files.size()));
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long at = (long) (random.nextDouble() * raf.length() * span);
      raf.seek(at);
      int old = raf.read();
      raf.seek(at);
      raf.write(old ^ (1 << random.nextInt(8)));
    }
  }

  private static void assertServed(DiskTier tier, Map<Integer, byte[]> model, int i) {
    DiskEntry e = tier.load(b("k" + i));
    if (e != null) {
      byte[] expected = model.get(i);
      assertTrue(expected != null, "k" + i + " was removed but was served");
      assertArrayEquals(expected, e.value(), "k" + i);
    }
  }
}
