package dev.atrium.tiers.memory.policy;

import java.util.List;

/**
 * S3-FIFO: J. Yang, Y. Zhang, Z. Qiu, Y. Yue, K. V. Rashmi, "FIFO queues are all you need for
 * cache eviction", ACM SOSP '23.
 *
 * <p><b>The algorithm.</b> Three FIFO queues: a small probationary queue S (10% of the capacity),
 * a main queue M (the rest), and a ghost queue G that remembers only the hashes of keys recently
 * evicted from S, as many as M holds. Each entry has a 2-bit frequency, saturating at 3, bumped by
 * hits. New keys enter S, unless G remembers them, in which case they go straight to M: S filters
 * out one-hit wonders quickly, G gives a second chance to the keys S let go too early.
 *
 * <p><b>The reading of the paper's Algorithm 1 that this class follows</b> (and that the test's
 * reference implementation follows too, so both can be compared exactly):
 * <ol>
 *   <li>insert(x): the key's hash in G: remove it from G and put x at the head of M; otherwise
 *       x goes to the head of S. Its frequency starts at 0. Eviction runs <i>before</i> insertion,
 *       so a newcomer is never its own victim.</li>
 *   <li>evict(): if S holds at least {@code smallRatio * capacity} (by weight; by count when the
 *       tier is bounded by count), evict from S, else from M. An empty S always defers to M and
 *       an empty M to S, so a call always makes progress.</li>
 *   <li>evictS(): look at S's tail; if its frequency is greater than 1 (the paper's {@code > 1};
 *       some implementations promote at {@code > 0}: see {@link S3FifoConfig#promotionThreshold})
 *       it moves to the head of M keeping its frequency, and the next tail is examined; otherwise
 *       it is the victim and its hash enters G. If S empties without a victim, evict() starts again
 *       and now takes from M.</li>
 *   <li>evictM(): look at M's tail; if its frequency is above 0, it is reinserted at M's head with
 *       its frequency decremented; otherwise it is the victim.</li>
 * </ol>
 * One departure, on purpose: the paper's evictS() also calls evictM() whenever moving an entry
 * fills M, and may so free more than needed. Here one call to {@link #selectVictim} frees exactly
 * one entry and the tier calls it again while the shard is over its bound, so M may briefly hold
 * more than its share and the next evict() takes from it, because S is then below its share.
 *
 * <p><b>Concurrency.</b> A hit is one racy increment of the frequency, without the shard's lock
 * (the paper's design point: no locking on hits). Lost increments cost an entry a bit of
 * protection; they cannot break the queues, which change only under the lock.
 *
 * <p><b>The ghost queue</b> ({@link GhostQueue}, primitive arrays, nothing allocated per eviction)
 * keeps spread 32-bit key hashes in insertion order with the weight of the entry each stood for,
 * and forgets the oldest once their total passes its capacity. A hash collision can send a new key
 * to M by mistake, which costs a little hit ratio, never correctness.
 */
public final class S3FifoEviction<K, V> implements EvictionQueue<K, V> {
  private static final byte SMALL = 1;
  private static final byte MAIN = 2;

  private final NodeQueue<K, V> small = new NodeQueue<>(SMALL);
  private final NodeQueue<K, V> main = new NodeQueue<>(MAIN);
  private final double smallThreshold;
  private final long ghostCapacity;
  /** Key hashes with the weight each was evicted with, oldest first. */
  private final GhostQueue ghost;
  private final int maxFrequency;
  private final int promotionThreshold;

  /** A policy for one shard holding at most {@code capacity} entries or weight. */
  public S3FifoEviction(long capacity, S3FifoConfig config) {
    this.smallThreshold = config.smallRatio() * capacity;
    this.ghostCapacity = (long) (config.ghostRatio() * (1 - config.smallRatio()) * capacity);
    this.maxFrequency = config.maxFrequency();
    this.promotionThreshold = config.promotionThreshold();
    this.ghost = new GhostQueue(ghostCapacity);
  }

  @Override
  public boolean hitNeedsLock() {
    return false;
  }

  @Override
  public void onHit(PolicyNode<K, V> node) {
    int frequency = node.bits;
    if (frequency < maxFrequency) {
      node.bits = frequency + 1;
    }
  }

  @Override
  public void onInsert(PolicyNode<K, V> node) {
    node.bits = 0;
    if (ghost.size() != 0 && ghost.remove(hash(node.key()))) {
      main.pushNewest(node);
    } else {
      small.pushNewest(node);
    }
  }

  @Override
  public void onReplace(PolicyNode<K, V> old, PolicyNode<K, V> replacement) {
    replacement.bits = Math.min(old.bits + 1, maxFrequency);
    queueOf(old).replace(old, replacement);
  }

  @Override
  public void onRemove(PolicyNode<K, V> node) {
    queueOf(node).unlink(node);
  }

  @Override
  public PolicyNode<K, V> selectVictim() {
    while (!small.isEmpty() || !main.isEmpty()) {
      boolean fromSmall = !small.isEmpty() && (small.weight() >= smallThreshold || main.isEmpty());
      PolicyNode<K, V> victim = fromSmall ? evictSmall() : evictMain();
      if (victim != null) {
        return victim;
      }
    }
    return null;
  }

  /** Promotes S's frequently read tail entries to M until one is not, which is the victim. */
  private PolicyNode<K, V> evictSmall() {
    while (!small.isEmpty()) {
      PolicyNode<K, V> tail = small.oldest();
      small.unlink(tail);
      if (tail.bits > promotionThreshold) {
        main.pushNewest(tail);
      } else {
        remember(tail);
        return tail;
      }
    }
    return null;
  }

  /**
   * Reinserts M's read tail entries, one frequency point cheaper each time, until one is unread.
   * Alone, that takes at most {@code maxFrequency} reinsertions per entry; readers bumping
   * frequencies meanwhile could prolong it, so past that many the tail is the victim regardless.
   */
  private PolicyNode<K, V> evictMain() {
    if (main.isEmpty()) {
      return null;
    }
    long reinsertionsLeft = (long) maxFrequency * main.size();
    while (true) {
      PolicyNode<K, V> tail = main.oldest();
      int frequency = tail.bits;
      if (frequency > 0 && reinsertionsLeft-- > 0) {
        tail.bits = frequency - 1;
        main.moveToNewest(tail);
      } else {
        main.unlink(tail);
        return tail;
      }
    }
  }

  private void remember(PolicyNode<K, V> victim) {
    if (ghostCapacity <= 0) {
      return;
    }
    ghost.add(hash(victim.key()), victim.weight());
  }

  /**
   * The ghost's fingerprint of a key: a bijection of {@code hashCode()}, mixed with other constants
   * than the tier's shard selector so that the keys of one shard do not share low bits here.
   */
  private static int hash(Object key) {
    int h = key.hashCode() * 0x85EBCA6B;
    return h ^ (h >>> 13);
  }

  private NodeQueue<K, V> queueOf(PolicyNode<K, V> node) {
    return switch (node.queue) {
      case SMALL -> small;
      case MAIN -> main;
      default -> throw new IllegalStateException("node " + node + " is in no S3-FIFO queue");
    };
  }

  @Override
  public void clear() {
    small.clear();
    main.clear();
    ghost.clear();
  }

  /** Queue 0 is the small queue, queue 1 the main queue. */
  @Override
  public int queueCount() {
    return 2;
  }

  @Override
  public PolicyNode<K, V> oldest(int index) {
    return queue(index).oldest();
  }

  @Override
  public List<PolicyNode<K, V>> snapshot(int index) {
    return queue(index).snapshot();
  }

  private NodeQueue<K, V> queue(int index) {
    return switch (index) {
      case 0 -> small;
      case 1 -> main;
      default -> throw new IndexOutOfBoundsException("S3-FIFO has two queues, not " + (index + 1));
    };
  }

  /** Test-only view: whether the ghost queue remembers {@code key}. */
  public boolean ghostContains(Object key) {
    return ghost.contains(hash(key));
  }

  /** Test-only view: how many key hashes the ghost queue remembers. */
  public int ghostSize() {
    return ghost.size();
  }

  @Override
  public void checkIntegrity() {
    ghost.checkIntegrity();
  }

  @Override
  public String toString() {
    return "S3-FIFO small=" + small.snapshot() + " main=" + main.snapshot() + " ghost=" + ghost.size();
  }
}
