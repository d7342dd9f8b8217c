package dev.atrium.tiers.memory.policy;

import java.util.List;

/**
 * The order one shard keeps its entries in, and the choice of the next victim: all an eviction
 * policy is, once maps, locks, deadlines, weights and listeners are the tier's business.
 *
 * <p><b>Threading.</b> Every method except {@link #onHit} is called with the shard's lock held.
 * {@link #onHit} is called without it unless {@link #hitNeedsLock()} says otherwise, possibly on a
 * node that was removed a moment ago: it must then do nothing harmful (setting a bit on a detached
 * node is harmless; moving it is not, so a locking policy checks membership first).
 *
 * <p><b>Bound.</b> The policy does not know the bound in use; the tier calls {@link #selectVictim}
 * while its shard is over its share of the capacity, before an insertion (so that a newcomer is
 * never its own victim, as in the papers) and, for a heavier replacement, after it.
 */
public interface EvictionQueue<K, V> {

  /** Whether {@link #onHit} must run under the shard's lock (LRU); lock-free policies say no. */
  boolean hitNeedsLock();

  /** A read found {@code node}. Lock-free unless {@link #hitNeedsLock()}; allocates nothing. */
  void onHit(PolicyNode<K, V> node);

  /**
   * For a policy whose hits need the lock: whether a hit on {@code node} may go unrecorded, because
   * applying it would hardly change the order. Lock-free and racy; by default no hit is dropped.
   */
  default boolean mayDropHit(PolicyNode<K, V> node) {
    return false;
  }

  /**
   * For a policy whose hits need the lock, called under it after the recorded hits were applied;
   * {@code shared} says whether more than one thread has been applying this shard's hits lately.
   */
  default void afterHits(boolean shared) {}

  /** {@code node} is new to the shard: place it. */
  void onInsert(PolicyNode<K, V> node);

  /**
   * {@code replacement} takes the place of {@code old} (a put over a present key). It inherits the
   * old node's position and bits, and the write counts as an access.
   */
  void onReplace(PolicyNode<K, V> old, PolicyNode<K, V> replacement);

  /** {@code node} leaves for a reason other than eviction (removed, expired, oversized update). */
  void onRemove(PolicyNode<K, V> node);

  /** Unlinks and returns the next victim, or null when the shard is empty. */
  PolicyNode<K, V> selectVictim();

  /** Drops every node, detaching each; any policy history (a ghost queue) is forgotten too. */
  void clear();

  /** How many queues the policy keeps (S3-FIFO two, the others one); numbered from 0. */
  int queueCount();

  /** The oldest node of {@code queue}, which the tier inspects to reclaim expired entries early. */
  PolicyNode<K, V> oldest(int queue);

  /**
   * Test-only view: the nodes of {@code queue} from newest to oldest, after checking the queue's
   * links, length and weight (throws {@link IllegalStateException} if broken).
   */
  List<PolicyNode<K, V>> snapshot(int queue);

  /** Test-only: checks policy-specific invariants beyond the queues themselves. */
  default void checkIntegrity() {}
}
