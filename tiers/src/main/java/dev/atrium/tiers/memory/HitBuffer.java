package dev.atrium.tiers.memory;

import dev.atrium.tiers.memory.policy.PolicyNode;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The hits of a locking policy (LRU) that readers record instead of taking the shard's lock: a set
 * of small rings ({@link HitRing}), one picked by the reader's thread id, that whoever holds the
 * lock drains, applying the hits in the order each ring recorded them. The idea is Caffeine's
 * striped read buffer (and, before it, BP-Wrapper, ICDE'09): batch the reorders so that a read does
 * not serialize on the lock, and let the lock holder pay for them.
 *
 * <p><b>Why striped.</b> With one ring per shard every recorded hit did a compare-and-set on a
 * counter that all readers of the shard shared, and wrote a slot next to the other readers' slots:
 * on two threads those lines moved between the cores on every recorded hit (a quarter of a
 * two-thread LRU read's profile). With a ring per thread (by id, so that threads numbered in
 * sequence never share one while there are at least as many stripes as threads) a reader writes
 * only lines its own core already holds. Rings are created by the first thread that uses them, so
 * a tier that is never read concurrently keeps one.
 *
 * <p><b>Exact when uncontended.</b> The shard drains every ring each time it takes its lock,
 * before anything that looks at the order (choosing a victim, a removal, a test's snapshot), and a
 * reader that finds its ring full takes the lock itself if it is free, drains, and applies its own
 * hit. A single thread uses a single ring, so it sees every hit applied, in order, before every
 * decision: exactly textbook LRU, which the reference traces check hit for hit. Under contention a
 * hit is dropped when the ring is full and the lock busy, or when a thread sharing the stripe won
 * the slot, and the hits of different rings are applied ring by ring rather than interleaved as
 * they happened: an entry merely keeps an older position, the price Caffeine pays too for reads
 * that scale.
 *
 * <p><b>Shared or not.</b> {@link #drain} also tells whether more than one thread has been
 * draining lately: the policy then skips the hits that would change little (see
 * {@code LruEviction}), which a shard used by a single thread never does, so that it stays exact.
 */
final class HitBuffer<K, V> {
  /** Enough stripes that the threads of a busy machine rarely share one; at most this many. */
  private static final int MAX_STRIPES = 16;
  /**
   * How many drains by one thread after another thread drained still count as shared. Readers
   * drain only when their ring fills, so two readers alternate well within this; a thread left
   * alone gets the exact order back after this many drains.
   */
  static final int SHARED_SPAN = 64;

  private final AtomicReferenceArray<HitRing<K, V>> rings;
  private final int mask;
  /** The thread of the last drain, and how many more drains count as shared; under the lock. */
  private Thread lastDrainer;
  private int sharedDrains;

  HitBuffer() {
    int cores = Runtime.getRuntime().availableProcessors();
    int stripes = Math.min(MAX_STRIPES, Integer.highestOneBit(Math.max(1, 2 * cores - 1)) << 1);
    this.rings = new AtomicReferenceArray<>(stripes);
    this.mask = stripes - 1;
  }

  /** Records a hit; false if the thread's ring is full or another reader took the slot. */
  @SuppressWarnings("deprecation") // Thread.threadId() is Java 19; getId() is the same number
  boolean offer(PolicyNode<K, V> node) {
    int stripe = (int) Thread.currentThread().getId() & mask;
    HitRing<K, V> ring = rings.get(stripe);
    if (ring == null) {
      rings.compareAndSet(stripe, null, new HitRing<>());
      ring = rings.get(stripe);
    }
    return ring.offer(node);
  }

  /**
   * Applies the recorded hits under the shard's lock, ring by ring, each oldest first. Returns
   * whether the shard is shared: another thread drained within the last {@value #SHARED_SPAN}
   * drains.
   */
  boolean drain(Consumer<PolicyNode<K, V>> apply) {
    for (int i = 0; i < rings.length(); i++) {
      HitRing<K, V> ring = rings.get(i);
      if (ring != null) {
        ring.drain(apply);
      }
    }
    return shared();
  }

  private boolean shared() {
    Thread current = Thread.currentThread();
    if (current != lastDrainer) {
      if (lastDrainer != null) {
        sharedDrains = SHARED_SPAN;
      }
      lastDrainer = current;
    } else if (sharedDrains > 0) {
      sharedDrains--;
    }
    return sharedDrains > 0;
  }
}
