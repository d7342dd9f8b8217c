package dev.atrium.tiers.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.Ticker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sets of a real tier, scanned: under overwrites whose sizes change, new keys and removals,
 * no set ever holds more record bytes than its counter plus credits, nor more than its budget plus
 * the overwrite credit plus one record, and every read is the last value written or a miss.
 */
class SetBudgetTest {
  @TempDir
  Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void setsStayWithinBudgetPlusCreditUnderChangingOverwrites() {
    DiskTierConfig config = DiskTierConfig.builder(dir)
        .budgetBytes(4L << 20)
        .setBytes(8 << 10)
        .compression(Compression.NONE)
        .build();
    Random random = new Random(11);
    Map<String, byte[]> model = new HashMap<>();
    int maxValue = 1_500;
    try (SetAssociativeDiskTier tier = SetAssociativeDiskTier.open(config)) {
      long cap = (long) (tier.setBudget() * SetAssociativeDiskTier.OVERWRITE_CREDIT);
      long bound = tier.setBudget() + cap + maxValue + 100;
      int[] sizes = {100, 1_000, 300, maxValue, 50};
      for (int round = 0; round < sizes.length; round++) {
        int keys = 1_000 + round * 500; // a few new keys each round
        for (int i = 0; i < 6_000; i++) {
          String key = "k" + random.nextInt(keys);
          if (random.nextInt(20) == 0) {
            tier.invalidate(b(key));
            model.remove(key);
          } else {
            byte[] value = new byte[sizes[round] - random.nextInt(20)];
            random.nextBytes(value);
            tier.store(b(key), value, Ticker.NEVER);
            model.put(key, value);
          }
        }
        for (int set = 0; set < tier.sets(); set++) {
          long records = tier.recordBytes(set);
          long counted = (long) tier.countedBytes(set) + tier.creditedBytes(set);
          assertTrue(records <= counted,
              "set " + set + ": " + records + " bytes > counter + credits " + counted);
          assertTrue(records <= bound, "set " + set + ": " + records + " bytes > " + bound);
        }
      }
      assertTrue(tier.stats().trims() > 0);
      assertTrue(tier.stats().evicted() > 0);
      int found = 0;
      for (int k = 0; k < 3_000; k++) {
        DiskEntry entry = tier.load(b("k" + k));
        byte[] expected = model.get("k" + k);
        if (expected == null) {
          assertNull(entry, "k" + k + " was removed or never written");
        } else if (entry != null) {
          assertArrayEquals(expected, entry.value(), "k" + k);
          found++;
        }
      }
      assertTrue(found > 0);
    }
  }

  /**
   * An overwrite whose previous record still waits in the write buffer is counted exactly and
   * spends none of the set's credit; a persistent tier, which writes through, credits it.
   */
  @Test
  void anOverwriteOfABufferedRecordIsCountedExactly() {
    for (boolean persistent : new boolean[] {false, true}) {
      Path home = dir.resolve(persistent ? "persistent" : "buffered");
      DiskTierConfig config = DiskTierConfig.builder(home)
          .budgetBytes(64L << 20) // a batch's share (about 2.5 KiB) holds several records
          .setBytes(8 << 10)
          .persistent(persistent)
          .build();
      try (SetAssociativeDiskTier tier = SetAssociativeDiskTier.open(config)) {
        byte[] key = b("hot");
        tier.store(key, new byte[300], Ticker.NEVER);
        int set = -1;
        for (int s = 0; s < tier.sets() && set < 0; s++) {
          if (tier.countedBytes(s) > 0) {
            set = s;
          }
        }
        int first = tier.countedBytes(set);
        for (int i = 0; i < 5; i++) {
          tier.store(key, new byte[300], Ticker.NEVER);
        }
        if (persistent) {
          assertTrue(tier.creditedBytes(set) > 0, "written through: credited as an overwrite");
        } else {
          assertEquals(0, tier.creditedBytes(set), "replaced in the buffer: no credit spent");
          assertEquals(first, tier.countedBytes(set), "the same bytes, counted exactly");
        }
        assertArrayEquals(new byte[300], tier.load(key).value());
      }
    }
  }
}
