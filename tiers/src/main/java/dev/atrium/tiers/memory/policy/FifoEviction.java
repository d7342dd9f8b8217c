package dev.atrium.tiers.memory.policy;

/**
 * First in, first out: one queue in insertion order; the oldest insertion is the victim and a hit
 * changes nothing.
 *
 * <p>Hits are free: no lock, no write, so FIFO's read path is a single hash lookup. That is its
 * whole appeal, and the baseline SIEVE and S3-FIFO improve on with one bit or counter per entry.
 *
 * <p>A replacement (a put over a present key) keeps the old node's place, as {@code LinkedHashMap}
 * in insertion order does: an update is not an insertion, so it does not make the key younger.
 */
public final class FifoEviction<K, V> extends SingleQueueEviction<K, V> {
  public FifoEviction() {
    super("FIFO");
  }

  @Override
  public boolean hitNeedsLock() {
    return false;
  }

  @Override
  public void onHit(PolicyNode<K, V> node) {
    // Insertion order ignores reads.
  }

  @Override
  public void onReplace(PolicyNode<K, V> old, PolicyNode<K, V> replacement) {
    queue.replace(old, replacement);
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
