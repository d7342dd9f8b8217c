package dev.atrium.tiers.memory.policy;

/**
 * Least recently used: one queue in access order; a hit moves the entry to the head, the tail is
 * the victim.
 *
 * <p><b>Why the hit needs the lock.</b> Moving a node rewrites four links, which must not race
 * with another move or an unlink, so {@link #onHit} runs under the shard's lock. Readers do not
 * take it for each hit: the tier records hits in a buffer that the lock's next holder applies in
 * order before deciding anything (see the memory tier's {@code HitBuffer}). A single thread thus
 * gets textbook LRU exactly, whose hit counts on the reference traces the tests check; under
 * contention a few hits may be dropped, as in Caffeine.
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
