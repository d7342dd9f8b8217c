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
 * <p><b>Refreshing only what has aged, when threads share the shard.</b> Each move rewrites links
 * in the moved node and its neighbours, on the same cache lines that lookups read; with two threads
 * on one shard every move sent those lines to the other core, and LRU read at a third of the speed
 * of a single thread. Most hits under a skewed load fall on entries that were moved to the head a
 * moment ago, where one more move changes next to nothing. So while the shard is {@linkplain
 * #afterHits shared} between threads, a hit on an entry promoted within the newest
 * 1/{@value #REFRESH_DIVISOR} of the queue is not recorded at all ({@link #mayDropHit}): the
 * idea of CacheLib's {@code lruRefreshRatio}. Such an entry is at most that far from the head, so
 * it keeps a position close to the one textbook LRU gives it: forced on for a single thread, the
 * window cost at most 0.0008 of hit ratio on the shared traces (OLTP 1,000 and 2,000, gli 1,500,
 * scarab 25,000 and 100,000), a window of half the queue up to 0.004. A shard used by one thread
 * refreshes on every hit, which keeps the simulator's traces exact.
 *
 * <p>A replacement (a put over a present key) is an access: the new node takes the old one's place
 * and moves to the head, as {@code LinkedHashMap} in access order does.
 */
public final class LruEviction<K, V> extends SingleQueueEviction<K, V> {
  /** While shared, hits on entries promoted within the newest 1/this of the queue go unrecorded. */
  static final int REFRESH_DIVISOR = 4;

  /**
   * What readers compare against, written only by {@link #afterHits} (once per drain of recorded
   * hits, not per move), so that the lines readers read do not change on every move: the queue's
   * push count then (a node's bits hold the count at its last promotion), and the window, 0 when
   * one thread uses the shard. The push count itself lives in the queue, on another line.
   */
  private int publishedPromotions;
  private int refreshWindow;

  public LruEviction() {
    super("LRU");
  }

  /**
   * Whether a hit on {@code node} may go unrecorded: the shard is shared and the node was promoted
   * within the window as of the last publication (or after it). Lock-free and racy on purpose: a
   * stale answer costs one hit's reorder, never the structure.
   */
  @Override
  public boolean mayDropHit(PolicyNode<K, V> node) {
    // Without a window nothing is dropped, not even a node promoted since the last publication
    // (whose difference is negative): a single thread must see every hit, in order.
    return refreshWindow > 0 && publishedPromotions - node.bits < refreshWindow;
  }

  /**
   * Under the shard's lock, after recorded hits were applied: makes the current promotion count
   * visible to {@link #mayDropHit}, with a window only if {@code shared}. Writes only what
   * changed, so a quiet shard's readers keep their cached lines.
   */
  @Override
  public void afterHits(boolean shared) {
    int window = shared ? queue.size() / REFRESH_DIVISOR : 0;
    if (refreshWindow != window) {
      refreshWindow = window;
    }
    int promotions = queue.pushes();
    if (publishedPromotions != promotions) {
      publishedPromotions = promotions;
    }
  }

  private void promoted(PolicyNode<K, V> node) {
    node.bits = queue.pushes();
  }

  @Override
  public void onInsert(PolicyNode<K, V> node) {
    super.onInsert(node);
    promoted(node);
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
      promoted(node);
    }
  }

  @Override
  public void onReplace(PolicyNode<K, V> old, PolicyNode<K, V> replacement) {
    queue.replace(old, replacement);
    queue.moveToNewest(replacement);
    promoted(replacement);
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
