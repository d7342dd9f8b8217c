package dev.atrium.tiers.memory.policy;

/**
 * SIEVE: Y. Zhang, J. Yang, Y. Yue, Y. Vigfusson, K. V. Rashmi, "SIEVE is Simpler than LRU: an
 * Efficient Turn-Key Eviction Algorithm for Web Caches", USENIX NSDI '24.
 *
 * <p><b>The algorithm (the paper's Figure 1 and Algorithm 1, followed as written).</b> One FIFO
 * queue, newest at the head. Each entry has a visited bit, cleared on insertion and set by a hit.
 * A hand points at the next eviction candidate; it starts at the tail (null means "the tail").
 * To evict, the hand walks from the tail towards the head: a visited entry has its bit cleared and
 * stays where it is; the first unvisited entry is the victim, and the hand stops at the entry just
 * newer than the victim, so the next eviction resumes there. Past the head the hand wraps to the
 * tail. New entries go to the head, so they are reached last: this "quick demotion" of one-hit
 * wonders and "lazy promotion" of the visited ones (they are never moved) are the two ideas the
 * paper credits for SIEVE's hit ratio.
 *
 * <p><b>Concurrency.</b> The point of SIEVE is that a hit moves nothing: it sets one bit. So
 * {@link #onHit} runs without the shard's lock and writes the bit only when it is clear, which
 * keeps hot entries' cache lines clean. The race with the hand clearing the bit under the lock is
 * benign: at worst one visit is lost or one survives a sweep it should not have. Because readers
 * may set bits while the hand sweeps, the sweep is capped at two full turns, after which the
 * entry under the hand is evicted regardless; single-threaded, a sweep never needs more than one
 * turn, so the cap never changes the algorithm.
 *
 * <p><b>Outside the paper.</b> Removing an entry under the hand moves the hand to the next newer
 * entry, as eviction does. A replacement (a put over a present key) takes the old node's place
 * and counts as a visit.
 */
public final class SieveEviction<K, V> extends SingleQueueEviction<K, V> {
  private static final int VISITED = 1;

  /** The next candidate, or null for "start at the tail". */
  private PolicyNode<K, V> hand;

  public SieveEviction() {
    super("SIEVE");
  }

  @Override
  public boolean hitNeedsLock() {
    return false;
  }

  @Override
  public void onHit(PolicyNode<K, V> node) {
    if (node.bits != VISITED) {
      node.bits = VISITED;
    }
  }

  @Override
  public void onInsert(PolicyNode<K, V> node) {
    node.bits = 0;
    queue.pushNewest(node);
  }

  @Override
  public void onReplace(PolicyNode<K, V> old, PolicyNode<K, V> replacement) {
    if (hand == old) {
      hand = replacement;
    }
    replacement.bits = VISITED;
    queue.replace(old, replacement);
  }

  @Override
  public void onRemove(PolicyNode<K, V> node) {
    if (hand == node) {
      hand = node.newer;
    }
    queue.unlink(node);
  }

  @Override
  public PolicyNode<K, V> selectVictim() {
    PolicyNode<K, V> candidate = hand != null ? hand : queue.oldest();
    if (candidate == null) {
      return null;
    }
    long stepsLeft = 2L * queue.size();
    while (candidate.bits == VISITED && stepsLeft-- > 0) {
      candidate.bits = 0;
      candidate = candidate.newer != null ? candidate.newer : queue.oldest();
    }
    hand = candidate.newer;
    queue.unlink(candidate);
    return candidate;
  }

  @Override
  public void clear() {
    super.clear();
    hand = null;
  }

  /** Test-only view: the entry under the hand, or null when the next sweep starts at the tail. */
  public PolicyNode<K, V> hand() {
    return hand;
  }

  @Override
  public void checkIntegrity() {
    if (hand != null && !queue.contains(hand)) {
      throw new IllegalStateException("SIEVE hand " + hand + " points outside the queue");
    }
  }
}
