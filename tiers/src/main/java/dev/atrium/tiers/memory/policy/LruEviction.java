package dev.atrium.tiers.memory.policy;

/**
 * Least recently used: one queue in access order; a hit moves the entry to the head, the tail is
 * the victim.
 *
 * <p><b>Why the hit takes the lock.</b> Moving a node rewrites four links, which must not race
 * with another move or an unlink, so {@link #onHit} runs under the shard's lock. Skipping the move
 * when the lock is busy (a tryLock) would be cheaper, but it would make a single-shard tier differ
 * from textbook LRU, whose hit counts on the reference traces the tests check exactly. Sharding is
 * what spreads this lock; callers that want lock-free reads choose SIEVE or S3-FIFO, which exist
 * for that reason ("SIEVE is Simpler than LRU", NSDI'24, section 2).
 *
 * <p>A replacement (a put over a present key) is an access: the new node takes the old one's place
 * and moves to the head, as {@code LinkedHashMap} in access order does.
 */
public final class LruEviction<K, V> extends SingleQueueEviction<K, V> {
  public LruEviction() {
    super("LRU");
  }

  @Override
  public boolean hitNeedsLock() {
    return true;
  }

  @Override
  public void onHit(PolicyNode<K, V> node) {
    // The reader found the node before taking the lock; it may have left since.
    if (queue.contains(node)) {
      queue.moveToNewest(node);
    }
  }

  @Override
  public void onReplace(PolicyNode<K, V> old, PolicyNode<K, V> replacement) {
    queue.replace(old, replacement);
    queue.moveToNewest(replacement);
  }

  @Override
  public PolicyNode<K, V> selectVictim() {
    PolicyNode<K, V> victim = queue.oldest();
    if (victim != null) {
      queue.unlink(victim);
    }
    return victim;
  }
}
