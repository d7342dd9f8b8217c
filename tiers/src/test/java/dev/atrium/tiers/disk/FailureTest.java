package dev.atrium.tiers.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.FakeTicker;
import dev.atrium.tiers.Ticker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** I/O errors, corrupt records and a full disk: misses and dropped writes, never a throw. */
class FailureTest {
  @TempDir
  Path dir;

  private final FakeTicker ticker = new FakeTicker(0);
  private final AtomicReference<FaultyKvStore> faults = new AtomicReference<>();

  private DiskTierConfig.Builder config() {
    return DiskTierConfig.builder(dir).budgetBytes(4L << 20).setBytes(4 << 10).ticker(ticker);
  }

  private SetAssociativeDiskTier openFaulty(DiskTierConfig config) {
    return SetAssociativeDiskTier.open(config, store -> {
      FaultyKvStore faulty = new FaultyKvStore(store);
      faults.set(faulty);
      return faulty;
    });
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void corruptRecordsAreCountedMissesNeverBytes() {
    try (DiskTier tier = openFaulty(config().build())) {
      tier.store(b("small"), b("value"), Ticker.NEVER);
      tier.store(b("large"), new byte[100_000], Ticker.NEVER);
      faults.get().flipRecordBits = true;
      assertNull(tier.load(b("small")));
      assertNull(tier.load(b("large")));
      try (DiskCursor c = tier.entries()) {
        assertFalse(c.hasNext());
      }
      DiskTierStats stats = tier.stats();
      assertTrue(stats.corrupt() >= 2, "corrupt " + stats.corrupt());
      assertFalse(stats.degraded());
      faults.get().flipRecordBits = false;
      assertNull(tier.load(b("small")), "the corrupt record was deleted");
    }
  }

  @Test
  void readErrorsAreMissesThenTheTierSwitchesOffAndProbesBack() {
    try (DiskTier tier = openFaulty(config().build())) {
      for (int i = 0; i < 10; i++) {
        tier.store(b("k" + i), b("v" + i), Ticker.NEVER);
      }
      faults.get().failReads = true;
      for (int i = 0; i < 10; i++) {
        assertNull(tier.load(b("k" + i)));
      }
      DiskTierStats stats = tier.stats();
      assertTrue(stats.degraded());
      assertEquals(HealthGate.FAILURES_TO_TRIP, stats.ioErrors(), "off: no more I/O tried");
      faults.get().failReads = false;
      assertNull(tier.load(b("k1")), "off until the probe interval passes");
      ticker.advance(HealthGate.FIRST_BACKOFF_NANOS);
      assertEquals("v2", new String(tier.load(b("k2")).value(), StandardCharsets.UTF_8));
      assertFalse(tier.stats().degraded());
      assertNotNull(tier.load(b("k3")));
    }
  }

  @Test
  void aLostTombstoneNeverLetsTheOlderValueBack() {
    try (DiskTier tier = openFaulty(config().build())) {
      tier.store(b("k"), b("old"), Ticker.NEVER);
      tier.store(b("other"), b("x"), Ticker.NEVER);
      faults.get().failWrites = true;
      tier.invalidate(b("k"));
      tier.store(b("other"), b("y"), Ticker.NEVER);
      faults.get().failWrites = false;
      assertNull(tier.load(b("k")), "poisoned set: the old value is unreachable");
      assertNull(tier.load(b("other")), "a lost store hides the older value too");
      DiskTierStats stats = tier.stats();
      assertEquals(2, stats.dropped());
      assertEquals(2, stats.ioErrors());
      tier.store(b("k"), b("new"), Ticker.NEVER); // repairs the set
      assertEquals("new", new String(tier.load(b("k")).value(), StandardCharsets.UTF_8));
    }
  }

  /**
   * The write buffer of a tier that is not persistent fails a whole batch at once: every key in
   * it, not only the caller's, must then hide its older value on disk.
   */
  @Test
  void aFailedBufferedBatchNeverLetsAnOlderValueBack() {
    AtomicReference<FaultyKvStore> engine = new AtomicReference<>();
    try (DiskTier tier = SetAssociativeDiskTier.open(config().build(), store -> {
      FaultyKvStore faulty = new FaultyKvStore(store);
      engine.set(faulty);
      return faulty;
    }, UnaryOperator.identity())) {
      tier.store(b("k"), b("old"), Ticker.NEVER);
      tier.flush();
      tier.store(b("k"), b("new"), Ticker.NEVER);
      engine.get().failWrites = true;
      for (int i = 0; i < BufferedKvStore.BATCH_RECORDS; i++) {
        tier.store(b("filler" + i), b("x"), Ticker.NEVER);
      }
      engine.get().failWrites = false;
      DiskEntry k = tier.load(b("k"));
      if (k != null) {
        assertEquals("new", new String(k.value(), StandardCharsets.UTF_8));
      }
      tier.flush();
      k = tier.load(b("k"));
      if (k != null) {
        assertEquals("new", new String(k.value(), StandardCharsets.UTF_8));
      }
      DiskTierStats stats = tier.stats();
      assertTrue(stats.ioErrors() >= 1, "errors " + stats.ioErrors());
      assertTrue(stats.dropped() >= 2, "dropped " + stats.dropped());
      tier.store(b("k"), b("newer"), Ticker.NEVER); // repairs its set
      assertEquals("newer", new String(tier.load(b("k")).value(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aLostTombstoneInAPersistentTierEmptiesItAtTheNextOpen() {
    DiskTierConfig persistent = config().persistent(true).build();
    try (DiskTier tier = openFaulty(persistent)) {
      tier.store(b("k"), b("old"), Ticker.NEVER);
      tier.store(b("keep"), b("v"), Ticker.NEVER);
      faults.get().failWrites = true;
      tier.invalidate(b("k"));
      faults.get().failWrites = false;
    }
    try (DiskTier tier = DiskTiers.open(persistent)) {
      assertNull(tier.load(b("k")));
      assertNull(tier.load(b("keep")), "wiped: the data was not intact");
    }
  }

  @Test
  void writeErrorsDropWritesAndNeverThrow() {
    try (DiskTier tier = openFaulty(config().build())) {
      faults.get().failWrites = true;
      for (int i = 0; i < 100; i++) {
        tier.store(b("k" + i), b("v"), Ticker.NEVER);
        tier.invalidate(b("k" + i));
      }
      tier.clear();
      DiskTierStats stats = tier.stats();
      assertTrue(stats.degraded());
      assertEquals(100, stats.dropped());
      for (int i = 0; i < 100; i++) {
        assertNull(tier.load(b("k" + i)));
      }
      faults.get().failWrites = false;
      ticker.advance(HealthGate.MAX_BACKOFF_NANOS);
      tier.store(b("again"), b("v"), Ticker.NEVER);
      assertFalse(tier.stats().degraded());
      assertNotNull(tier.load(b("again")));
    }
  }

  @Test
  void aFullDiskDegradesTheTierWithoutThrowing() {
    DiskTierConfig config = DiskTierConfig.builder(dir)
        .budgetBytes(64L << 20)
        .spaceLimitBytes(256L << 10)
        .compression(Compression.NONE)
        .ticker(ticker)
        .build();
    try (SetAssociativeDiskTier tier = SetAssociativeDiskTier.open(config)) {
      byte[] value = new byte[1000];
      for (int i = 0; i < 20_000 && !tier.stats().degraded(); i++) {
        tier.store(b("k" + i), value, Ticker.NEVER);
        if (i % 1000 == 999) {
          tier.flush(); // a failed flush is how RocksDB learns that the disk is full
        }
      }
      DiskTierStats stats = tier.stats();
      assertTrue(stats.degraded(), "degraded: " + stats);
      assertTrue(stats.ioErrors() >= HealthGate.FAILURES_TO_TRIP, stats.toString());
      assertTrue(stats.dropped() > 0, stats.toString());
      tier.store(b("more"), value, Ticker.NEVER); // dropped, no exception
      tier.load(b("k1"));
    }
  }
}
