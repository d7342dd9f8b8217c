package dev.atrium.tiers.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.FakeTicker;
import dev.atrium.tiers.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * When {@link TinyLfuMaintenance} runs Caffeine's maintenance: at once inside a write, later for a
 * read (at the next write, or after {@link TinyLfuMaintenance#READS_PER_DRAIN} reads), and what
 * that means for the tier: the bound and the reports still hold when a write returns.
 */
class TinyLfuMaintenanceTest {

  @Test
  void maintenanceAskedForInsideAWriteRunsAtOnce() {
    TinyLfuMaintenance maintenance = new TinyLfuMaintenance();
    AtomicInteger runs = new AtomicInteger();
    TinyLfuMaintenance.Caller caller = maintenance.enter();
    try {
      maintenance.execute(runs::incrementAndGet);
      assertEquals(1, runs.get());
    } finally {
      maintenance.exit(caller);
    }
    assertFalse(maintenance.hasDeferred());
  }

  @Test
  void aReadsMaintenanceWaitsForTheNextWrite() {
    TinyLfuMaintenance maintenance = new TinyLfuMaintenance();
    AtomicInteger runs = new AtomicInteger();
    maintenance.execute(runs::incrementAndGet);
    assertEquals(0, runs.get());
    assertTrue(maintenance.hasDeferred());

    maintenance.exit(maintenance.enter());
    assertEquals(1, runs.get());
    assertFalse(maintenance.hasDeferred());
    maintenance.exit(maintenance.enter());
    assertEquals(1, runs.get(), "run once");
  }

  @Test
  void aReadsMaintenanceRunsAfterEnoughReadsWithoutAWrite() throws Exception {
    // on a fresh thread, whose countdown starts full
    AtomicInteger runs = new AtomicInteger();
    int[] readsBeforeRun = new int[1];
    Thread reader = new Thread(() -> {
      TinyLfuMaintenance maintenance = new TinyLfuMaintenance();
      maintenance.afterRead(); // nothing deferred: does not count
      maintenance.execute(runs::incrementAndGet);
      while (runs.get() == 0 && readsBeforeRun[0] < 10 * TinyLfuMaintenance.READS_PER_DRAIN) {
        maintenance.afterRead();
        readsBeforeRun[0]++;
      }
    });
    reader.start();
    reader.join();
    assertEquals(1, runs.get());
    assertEquals(TinyLfuMaintenance.READS_PER_DRAIN, readsBeforeRun[0]);
  }

  @Test
  void aWriteAfterManyReadsStillEvictsAndReportsBeforeItReturns() {
    RecordingListener<String, String> listener = new RecordingListener<>();
    int capacity = 8;
    try (TinyLfuMemoryTier<String, String> tier = new TinyLfuMemoryTier<>(MemoryTierConfig.<String, String>builder()
        .policy(EvictionPolicy.TINYLFU).maximumSize(capacity).ticker(new FakeTicker())
        .removalListener(listener).expiring(false).build())) {
      for (int i = 0; i < capacity; i++) {
        tier.put("k" + i, "v" + i, Ticker.NEVER);
      }
      int deferred = 0;
      for (int round = 0; round < 20; round++) {
        // hits enough to fill Caffeine's read buffer (a miss records nothing), so that its drain
        // is deferred, and mostly not so many that the reads run it themselves
        List<String> present = new ArrayList<>();
        tier.forEach(entry -> present.add(entry.key()));
        for (int read = 0; read < 20; read++) {
          assertNotNull(tier.get(present.get(read % present.size())));
        }
        deferred += tier.maintenance().hasDeferred() ? 1 : 0;
        tier.put("new" + round, "v", Ticker.NEVER);
        assertEquals(capacity, tier.size(), "the write evicted before it returned");
        assertEquals(round + 1, listener.count(RemovalCause.CAPACITY));
      }
      listener.assertEachOnce();
      assertTrue(deferred >= 10, "the reads deferred a drain in " + deferred + " of 20 rounds");
    }
  }
}
