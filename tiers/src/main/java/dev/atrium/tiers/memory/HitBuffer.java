package dev.atrium.tiers.memory;

import dev.atrium.tiers.memory.policy.PolicyNode;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The hits of a locking policy (LRU) that readers record instead of taking the shard's lock: a
 * small ring that readers append to with one compare-and-set, and that whoever holds the lock
 * drains, applying the hits in the order they were recorded. The idea is Caffeine's read buffer
 * (and, before it, BP-Wrapper, ICDE'09): batch the reorders so that a read does not serialize on
 * the lock, and let the lock holder pay for them.
 *
 * <p><b>Exact when uncontended.</b> The shard drains the buffer each time it takes its lock,
 * before anything that looks at the order (choosing a victim, a removal, a test's snapshot), and a
 * reader that finds the buffer full takes the lock itself if it is free, drains, and applies its
 * own hit. A single thread therefore sees every hit applied, in order, before every decision:
 * exactly textbook LRU, which the reference traces check hit for hit. Under contention a hit is
 * dropped when the buffer is full and the lock busy, or when another reader won the slot: the
 * entry merely keeps its older position, the price Caffeine pays too for reads that scale.
 *
 * <p><b>Shared or not.</b> {@link #drain} also tells whether more than one thread has been
 * draining lately: the policy then skips the hits that would change little (see
 * {@code LruEviction}), which a shard used by a single thread never does, so that it stays exact.
 */
final class HitBuffer<K, V> {
  private static final int SIZE = 32;
  private static final int MASK = SIZE - 1;
  /**
   * How many drains by one thread after another thread drained still count as shared. Readers
   * drain only when the ring fills, so two readers alternate well within this; a thread left alone
   * gets the exact order back after this many drains.
   */
  static final int SHARED_SPAN = 64;

  private final AtomicReferenceArray<PolicyNode<K, V>> slots = new AtomicReferenceArray<>(SIZE);
  /** Slots claimed by readers. */
  private final AtomicLong writes = new AtomicLong();
  /** Slots drained; written only under the shard's lock, read by readers to see whether it is full. */
  private volatile long reads;
  /** The thread of the last drain, and how many more drains count as shared; under the lock. */
  private Thread lastDrainer;
  private int sharedDrains;

  /** Records a hit; false if the buffer is full or another reader took the slot (not recorded). */
  boolean offer(PolicyNode<K, V> node) {
    long claimed = writes.get();
    if (claimed - reads >= SIZE || !writes.compareAndSet(claimed, claimed + 1)) {
      return false;
    }
    slots.lazySet((int) claimed & MASK, node);
    return true;
  }

  /**
   * Applies the recorded hits, oldest first, under the shard's lock. Stops at a slot claimed but
   * not yet written (its reader is between the claim and the write); that hit and the ones after
   * it are applied at the next drain. Returns whether the shard is shared: another thread drained
   * within the last {@value #SHARED_SPAN} drains.
   */
  boolean drain(Consumer<PolicyNode<K, V>> apply) {
    long read = reads;
    long end = writes.get();
    while (read < end) {
      int index = (int) read & MASK;
      PolicyNode<K, V> node = slots.get(index);
      if (node == null) {
        break;
      }
      slots.lazySet(index, null);
      read++;
      apply.accept(node);
    }
    if (read != reads) {
      reads = read;
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
