package dev.atrium.tiers.memory.policy;

import java.util.List;

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
public final class LruEviction<K, V> implements EvictionQueue<K, V> {
  private static final byte QUEUE = 1;

  private final NodeQueue<K, V> queue = new NodeQueue<>(QUEUE);

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
  public void onInsert(PolicyNode<K, V> node) {
    queue.pushNewest(node);
  }

  @Override
  public void onReplace(PolicyNode<K, V> old, PolicyNode<K, V> replacement) {
    queue.replace(old, replacement);
    queue.moveToNewest(replacement);
  }

  @Override
  public void onRemove(PolicyNode<K, V> node) {
    queue.unlink(node);
  }

  @Override
  public PolicyNode<K, V> selectVictim() {
    PolicyNode<K, V> victim = queue.oldest();
    if (victim != null) {
      queue.unlink(victim);
    }
    return victim;
  }

  @Override
  public void clear() {
    queue.clear();
  }

  @Override
  public int queueCount() {
    return 1;
  }

  @Override
  public PolicyNode<K, V> oldest(int index) {
    checkIndex(index);
    return queue.oldest();
  }

  @Override
  public List<PolicyNode<K, V>> snapshot(int index) {
    checkIndex(index);
    return queue.snapshot();
  }

  private static void checkIndex(int index) {
    if (index != 0) {
      throw new IndexOutOfBoundsException("LRU has one queue, not " + (index + 1));
    }
  }

  @Override
  public String toString() {
    return "LRU" + queue.snapshot();
  }
}
