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
 * read (at the next write, or after {@link TinyLfuMaintenance#MIN_READS_PER_DRAIN} reads, more in a
 * phase of reads only), and what
 * that means for the tier: the bound and the reports still hold when a write returns.
 */
class TinyLfuMaintenanceTest {

  @Test
  void maintenanceAskedForInsideAWriteRunsAtOnce() {
    TinyLfuMaintenance maintenance = new TinyLfuMaintenance(Long.MAX_VALUE);
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
    TinyLfuMaintenance maintenance = new TinyLfuMaintenance(Long.MAX_VALUE);
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
      TinyLfuMaintenance maintenance = new TinyLfuMaintenance(Long.MAX_VALUE);
      maintenance.afterRead(); // nothing deferred: does not count
      maintenance.execute(runs::incrementAndGet);
      while (runs.get() == 0 && readsBeforeRun[0] < 10 * TinyLfuMaintenance.MIN_READS_PER_DRAIN) {
        maintenance.afterRead();
        readsBeforeRun[0]++;
      }
    });
    reader.start();
    reader.join();
    assertEquals(1, runs.get());
    assertEquals(TinyLfuMaintenance.MIN_READS_PER_DRAIN, readsBeforeRun[0]);
  }

  @Test
  void readsWithoutWritesDrainLessOftenUntilTheNextWrite() throws Exception {
    // on a fresh thread, whose countdown starts full
    List<Integer> readsBeforeEachRun = new ArrayList<>();
    int[] afterWrite = new int[1];
    Thread reader = new Thread(() -> {
      TinyLfuMaintenance maintenance = new TinyLfuMaintenance(2 * TinyLfuMaintenance.MIN_READS_PER_DRAIN);
      for (int drain = 0; drain < 10; drain++) {
        AtomicInteger runs = new AtomicInteger();
        maintenance.execute(runs::incrementAndGet);
        int reads = 0;
        while (runs.get() == 0) {
          maintenance.afterRead();
          reads++;
        }
        readsBeforeEachRun.add(reads);
      }
      maintenance.exit(maintenance.enter());
      afterWrite[0] = maintenance.readsPerDrain();
    });
    reader.start();
    reader.join();
    int min = TinyLfuMaintenance.MIN_READS_PER_DRAIN;
    // two drains after min reads each reach the threshold of 2 * min quiet reads; from then on,
    // the countdown a drain sets is the interval that drain doubled
    assertEquals(List.of(min, min, 2 * min, 4 * min, 8 * min, 16 * min, 32 * min, 64 * min, 64 * min,
        64 * min), readsBeforeEachRun);
    assertEquals(TinyLfuMaintenance.MAX_READS_PER_DRAIN, 64 * min);
    assertEquals(min, afterWrite[0], "a write brings the interval back");
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
