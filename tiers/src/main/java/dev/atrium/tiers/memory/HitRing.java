package dev.atrium.tiers.memory;

import dev.atrium.tiers.memory.policy.LinePadded;
import dev.atrium.tiers.memory.policy.PolicyNode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * One stripe of a {@link HitBuffer}: a ring of {@value #SIZE} recorded hits that readers append to
 * and the shard's lock holder drains, oldest first.
 *
 * <p>A reader claims a slot by advancing {@code tail} with a compare-and-set, then writes the node
 * into it with a release store; the drainer, under the shard's lock, reads slots from
 * {@code head} until it meets one claimed but not yet written, clears each and advances
 * {@code head}. The ring is meant to be written by one thread (the stripe is picked by thread id),
 * so the compare-and-set is normally uncontended and its cache line stays with that thread's core;
 * it only guards against two threads that share a stripe claiming the same slot. Padded
 * ({@link LinePadded}) so that its counters share no line with another ring or with the shard's
 * objects that readers load on every lookup.
 */
final class HitRing<K, V> extends LinePadded {
  private static final int SIZE = 32;
  private static final int MASK = SIZE - 1;

  private static final VarHandle TAIL;
  private static final VarHandle HEAD;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(PolicyNode[].class);

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      TAIL = lookup.findVarHandle(HitRing.class, "tail", long.class);
      HEAD = lookup.findVarHandle(HitRing.class, "head", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final PolicyNode<?, ?>[] slots = new PolicyNode<?, ?>[SIZE];
  /** Slots claimed by readers. */
  private volatile long tail;
  /** Slots drained; written only under the shard's lock. */
  private volatile long head;

  /** Records a hit; false if the ring is full or another reader took the slot (not recorded). */
  boolean offer(PolicyNode<K, V> node) {
    long claimed = (long) TAIL.getOpaque(this);
    long drained = (long) HEAD.getAcquire(this);
    if (claimed - drained >= SIZE) {
      return false;
    }
    if (claimed > drained && SLOT.getAcquire(slots, (int) (claimed - 1) & MASK) == node) {
      // Two hits in a row on one node leave the same order as one: nothing to record.
      return true;
    }
    if (!TAIL.compareAndSet(this, claimed, claimed + 1)) {
      return false;
    }
    SLOT.setRelease(slots, (int) claimed & MASK, node);
    return true;
  }

  /**
   * Applies the recorded hits, oldest first, under the shard's lock. Stops at a slot claimed but
   * not yet written (its reader is between the claim and the write); that hit and the ones after
   * it are applied at the next drain.
   */
  @SuppressWarnings("unchecked")
  void drain(Consumer<PolicyNode<K, V>> apply) {
    long read = head;
    long end = (long) TAIL.getAcquire(this);
    while (read < end) {
      int index = (int) read & MASK;
      PolicyNode<K, V> node = (PolicyNode<K, V>) SLOT.getAcquire(slots, index);
      if (node == null) {
        break;
      }
      SLOT.setRelease(slots, index, null);
      read++;
      apply.accept(node);
    }
    HEAD.setRelease(this, read);
  }
}
