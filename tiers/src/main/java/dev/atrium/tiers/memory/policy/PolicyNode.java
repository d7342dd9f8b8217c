package dev.atrium.tiers.memory.policy;

import dev.atrium.tiers.memory.MemoryEntry;

/**
 * An entry of the sharded memory tier with what its eviction policy needs: links into one
 * {@link NodeQueue}, the queue it is in, and a few policy bits; and its link in the shard's
 * {@link NodeTable}, so that the node is the index's entry as well.
 *
 * <p>The links and the queue tag change only under the shard's lock. {@link #bits} is the one
 * field written without it: SIEVE's visited bit and S3-FIFO's frequency are set by readers on a
 * hit, racily and on purpose. A lost update costs one hit's worth of information about that
 * entry, never the structure's integrity, and a plain field keeps the hit path to one store.
 * (LRU's promotion stamp goes the other way: written under the lock, read racily by readers.)
 */
public final class PolicyNode<K, V> extends MemoryEntry<K, V> {
  /** The queue tag of a node that is in no queue (new, removed or evicted). */
  public static final byte DETACHED = 0;

  PolicyNode<K, V> newer;
  PolicyNode<K, V> older;
  /** The next node of the same {@link NodeTable} bucket; volatile for its lock-free readers. */
  volatile PolicyNode<K, V> chained;
  /** The spread hash of the key, set by {@link NodeTable#put}. */
  int hash;
  byte queue = DETACHED;
  int bits;

  public PolicyNode(K key, V value, int weight, long deadline) {
    super(key, value, weight, deadline);
  }

  /** The id of the queue holding this node, or {@link #DETACHED}. For tests and integrity checks. */
  public byte queue() {
    return queue;
  }

  /** The policy bits: SIEVE's visited bit, S3-FIFO's frequency, LRU's promotion stamp, 0 for FIFO. */
  public int bits() {
    return bits;
  }
}
