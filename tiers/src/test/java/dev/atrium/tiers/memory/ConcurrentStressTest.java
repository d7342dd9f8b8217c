package dev.atrium.tiers.memory;

import dev.atrium.tiers.FakeTicker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several threads hammer a small key space with every operation while a clock moves, then the
 * tier's structure is checked: map, queues, count and weight agree and stay within the bound,
 * no expired or foreign value was ever returned, no entry was reported twice, and no live entry
 * was reported as gone.
 */
class ConcurrentStressTest {
  private static final int THREADS = 3;
  private static final int OPS_PER_THREAD = 70_000;
  /** Caffeine's per-operation expiry bookkeeping makes it slower here; fewer ops keep it ~1 s. */
  private static final int OPS_PER_THREAD_TINYLFU = 30_000;
  private static final int KEYS = 256;

  @ParameterizedTest
  @EnumSource(EvictionPolicy.class)
  void boundByCount(EvictionPolicy policy) throws Exception {
    stress(policy, b -> b.maximumSize(64).shards(4));
  }

  /**
   * A tier told nothing expires (an eternal JCache cache: no expiry probe on insertion) still
   * races safely; deadlines given anyway are honoured by reads, which the checks verify.
   */
  @ParameterizedTest
  @EnumSource(EvictionPolicy.class)
  void boundByCountNotExpiring(EvictionPolicy policy) throws Exception {
    stress(policy, b -> b.maximumSize(64).shards(4).expiring(false));
  }

  @ParameterizedTest
  @EnumSource(EvictionPolicy.class)
  void boundByWeight(EvictionPolicy policy) throws Exception {
    stress(policy, b -> b.maximumWeight(200, (key, value) -> (int) (value % 7) + 1).shards(2));
  }

  private void stress(EvictionPolicy policy,
      java.util.function.UnaryOperator<MemoryTierConfig.Builder<Integer, Long>> shape) throws Exception {
    FakeTicker ticker = new FakeTicker();
    RecordingListener<Integer, Long> listener = new RecordingListener<>();
    MemoryTier<Integer, Long> tier = MemoryTiers.create(shape.apply(MemoryTierConfig.<Integer, Long>builder()
        .policy(policy).ticker(ticker).removalListener(listener)).build());
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long seed = 42 + t;
        boolean movesTheClock = t == 0;
        workers.add(pool.submit(() -> {
          start.await();
          int ops = policy == EvictionPolicy.TINYLFU ? OPS_PER_THREAD_TINYLFU : OPS_PER_THREAD;
          run(tier, ticker, new SplittableRandom(seed), ops, movesTheClock);
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    if (tier instanceof ShardedMemoryTier<Integer, Long> sharded) {
      sharded.checkIntegrity();
    }
    listener.assertEachOnce();
    assertTrue(tier.weightedSize() <= tier.capacity(), "over the bound: " + tier.weightedSize());
    for (MemoryEntry<Integer, Long> entry : tier) {
      assertFalse(listener.wasReported(entry), entry + " is live but was reported as gone");
    }
    tier.cleanUp();
    long live = 0;
    for (MemoryEntry<Integer, Long> ignored : tier) {
      live++;
    }
    assertEquals(live, tier.size());
  }

  /** Values encode their key (key * 1000 + n), so a foreign value is detectable. */
  private static void run(MemoryTier<Integer, Long> tier, FakeTicker ticker, SplittableRandom random,
      int ops, boolean movesTheClock) {
    for (int i = 0; i < ops; i++) {
      int key = random.nextInt(KEYS);
      long value = key * 1000L + random.nextInt(1000);
      long deadline = random.nextInt(5) == 0 ? ticker.in(random.nextInt(1, 200)) : Ticker.NEVER;
      long before = ticker.read();
      int op = random.nextInt(100);
      if (op < 40) {
        check(key, before, tier.get(key));
      } else if (op < 45) {
        check(key, before, tier.peek(key));
      } else if (op < 58) {
        tier.put(key, value, deadline);
      } else if (op < 70) {
        // set's in-place replacement and fence-free new nodes race the lock-free readers here
        tier.set(key, value, random.nextBoolean() ? Ticker.NEVER : deadline);
      } else if (op < 80) {
        check(key, before, tier.remove(key));
      } else if (op < 95) {
        int action = random.nextInt(4);
        tier.compute(key, slot -> {
          if (slot.current() != null) {
            check(key, before, slot.current());
          }
          switch (action) {
            case 0 -> slot.put(value, deadline);
            case 1 -> slot.remove();
            case 2 -> slot.renew(deadline);
            default -> { }
          }
          return null;
        });
      } else if (op < 99) {
        MemoryEntry<Integer, Long> entry = tier.get(key);
        if (entry != null) {
          tier.renew(entry, deadline);
        }
      } else if (random.nextInt(20) == 0) {
        tier.cleanUp();
      } else {
        int seen = 0;
        for (var it = tier.iterator(); it.hasNext() && seen < 8; seen++) {
          it.next();
          if (random.nextBoolean()) {
            it.remove();
          }
        }
      }
      if (movesTheClock && (i & 63) == 0) {
        ticker.advance(10);
      }
    }
  }

  private static void check(int key, long before, MemoryEntry<Integer, Long> entry) {
    if (entry == null) {
      return;
    }
    if (entry.key() != key || entry.value() / 1000 != key) {
      throw new AssertionError("read " + entry + " for key " + key);
    }
    if (entry.isExpired(before)) {
      throw new AssertionError("read " + entry + " expired at " + entry.deadline() + " before " + before);
    }
  }
}
