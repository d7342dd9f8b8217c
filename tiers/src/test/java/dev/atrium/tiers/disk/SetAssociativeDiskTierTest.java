package dev.atrium.tiers.disk;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.Ticker;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The contract, run against the set-associative engine, and what only this engine has. */
class SetAssociativeDiskTierTest extends DiskTierContract {
  @Override
  protected DiskTier open(DiskTierConfig config) {
    return DiskTiers.open(config);
  }

  @Test
  void theEngineAnswersRocksDbPropertiesAndNullForAnUnknownName() {
    for (int i = 0; i < 100; i++) {
      tier.store(("key-" + i).getBytes(StandardCharsets.UTF_8), new byte[100], Ticker.NEVER);
    }
    tier.flush();
    String keys = tier.engineProperty("rocksdb.estimate-num-keys");
    assertNotNull(keys);
    assertTrue(Long.parseLong(keys) >= 100, keys);
    assertTrue(tier.engineProperty("rocksdb.stats").contains("Compaction Stats"));
    String db = tier.engineProperty("rocksdb.dbstats");
    assertTrue(db.contains("Cumulative writes:") && !db.contains("Cumulative writes: 0 writes"),
        "the database's counters, not another column family's zeros: " + db);
    assertNull(tier.engineProperty("rocksdb.no-such-property"), "null, not thrown nor counted");
  }
}
