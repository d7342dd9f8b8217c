package dev.atrium.tiers.disk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.Ticker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bytes on disk stay within {@code budget * SLACK} at every moment sampled, also when the same keys
 * are overwritten 10 times. The normal build runs the 1 KiB case; {@code -Pstress} all of them
 * (they take minutes on a small shared machine: RocksDB syncs every table file it writes).
 */
class CapacityTest {
  @TempDir
  Path dir;

  static Stream<Arguments> workloads() {
    Stream<Arguments> normal = Stream.of(Arguments.of(1000, false));
    if (Integer.getInteger("atrium.crash.kills", 20) <= 20) {
      return normal;
    }
    return Stream.concat(normal,
        Stream.of(Arguments.of(100, false), Arguments.of(1000, true), Arguments.of(20_000, false)));
  }

  @ParameterizedTest(name = "{0} B values, persistent={1}")
  @MethodSource("workloads")
  void overwritingTheSameKeysTenTimesStaysWithinTheBudget(int valueSize, boolean persistent) {
    long budget = 4L << 20;
    DiskTierConfig config = DiskTierConfig.builder(dir)
        .budgetBytes(budget)
        .persistent(persistent)
        .compression(Compression.NONE)
        .build();
    Random random = new Random(valueSize);
    byte[] value = new byte[valueSize];
    int keys = (int) (budget / (valueSize + 40)); // the keys alone would fill the whole budget
    long peak = 0;
    try (DiskTier tier = DiskTiers.open(config)) {
      for (int round = 0; round < 10; round++) {
        for (int k = 0; k < keys; k++) {
          random.nextBytes(value);
          tier.store(("key-" + k).getBytes(StandardCharsets.UTF_8), value, Ticker.NEVER);
          if (k % 500 == 0) {
            peak = Math.max(peak, tier.diskBytes());
          }
        }
      }
      peak = Math.max(peak, tier.diskBytes());
      assertTrue(peak <= budget * DiskTierConfig.SLACK,
          "peak " + peak + " > " + budget + " * " + DiskTierConfig.SLACK);
      assertTrue(tier.stats().trims() > 0 || valueSize > 10_000);
    }
  }
}
