package dev.atrium.tiers.memory.policy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One shard's index from key to node: a hash table chained through the nodes themselves
 * ({@link PolicyNode#chained}), so that a lookup touches the bucket array and the node, and no
 * separate map entry (a {@link java.util.concurrent.ConcurrentHashMap} adds a node of its own per
 * key: one more object, one more cache miss per lookup, 32 bytes more per entry).
 *
 * <p><b>Threading.</b> Writers ({@link #put}, {@link #remove}, {@link #clear}) hold the shard's
 * lock; {@link #get} takes none. This is the scheme of the segments of Java 5's
 * {@code ConcurrentHashMap} and of cache2k, with nodes that are never copied (they are the
 * eviction queues' nodes too):
 *
 * <ul>
 *   <li>A new node goes at the head of its chain, published by a release store of the bucket.
 *   <li>A removed node is unlinked by pointing its predecessor past it; its own link is left
 *       alone, so a reader standing on it walks on to the rest of its chain. A node is never
 *       inserted twice, so following links only ever moves forward in a chain's history.
 *   <li>Resizing moves the existing nodes into a twice-larger array, which rewrites their links.
 *       A reader walking a chain at that moment could miss a key that is there, so resizes bump a
 *       counter before and after (odd while one runs), and a reader that finds nothing retries
 *       when the counter moved. A reader that finds its key is right whatever happened meanwhile:
 *       the node was mapped when the reader reached its chain. A split keeps the chains' order
 *       (the lower and upper halves each in original order), so no rewrite can make a cycle.
 * </ul>
 *
 * <p>A false miss is not a harmless cache miss here: in a hybrid cache it would send the read to
 * the disk tier, which may hold an older value. Hence the retry rather than a best-effort read.
 */
public final class NodeTable<K, V> {
  private static final int INITIAL_BUCKETS = 16;
  private static final int MAX_BUCKETS = 1 << 30;
  private static final VarHandle BUCKET = MethodHandles.arrayElementVarHandle(PolicyNode[].class);
  /**
   * {@link PolicyNode#chained}, written through this handle in plain or release mode: a volatile
   * store is a full fence on x86, and every link a writer sets is either in a node not yet
   * published (the bucket's release store publishes it) or a release that readers acquire.
   */
  private static final VarHandle CHAINED;

  static {
    try {
      CHAINED = MethodHandles.lookup().findVarHandle(PolicyNode.class, "chained", PolicyNode.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile PolicyNode<K, V>[] buckets = newBuckets(INITIAL_BUCKETS);
  /** Bumped before and after each resize: odd while one rewires the chains. */
  private volatile int resizes;
  private int size;

  @SuppressWarnings("unchecked")
  private static <K, V> PolicyNode<K, V>[] newBuckets(int length) {
    return (PolicyNode<K, V>[]) new PolicyNode<?, ?>[length];
  }

  /** Spreads the high bits down, as {@code HashMap} does, for tables indexed by the low bits. */
  static int spread(int hashCode) {
    return hashCode ^ (hashCode >>> 16);
  }

  @SuppressWarnings("unchecked")
  private static <K, V> PolicyNode<K, V> bucketAt(PolicyNode<K, V>[] table, int index) {
    return (PolicyNode<K, V>) BUCKET.getAcquire(table, index);
  }

  private static <K, V> void setBucket(PolicyNode<K, V>[] table, int index, PolicyNode<K, V> node) {
    BUCKET.setRelease(table, index, node);
  }

  /** The node mapped to {@code key}, or null. Takes no lock. */
  public PolicyNode<K, V> get(Object key) {
    int hash = spread(key.hashCode());
    while (true) {
      int stamp = resizes;
      PolicyNode<K, V>[] table = buckets;
      for (PolicyNode<K, V> node = bucketAt(table, hash & (table.length - 1)); node != null;
          node = node.chained) {
        if (node.hash == hash) {
          Object candidate = node.key();
          if (candidate == key || key.equals(candidate)) {
            return node;
          }
        }
      }
      // every link read above was a volatile read, so a rewired link means the counter moved
      if ((stamp & 1) == 0 && resizes == stamp) {
        return null;
      }
      Thread.onSpinWait();
    }
  }

  /**
   * Maps {@code node} under its key, in place of the node mapped there (which keeps its link, see
   * the class comment). Returns the node it replaced, or null. Holds the shard's lock.
   */
  public PolicyNode<K, V> put(PolicyNode<K, V> node) {
    Object key = node.key();
    int hash = spread(key.hashCode());
    node.hash = hash;
    PolicyNode<K, V>[] table = buckets;
    int index = hash & (table.length - 1);
    PolicyNode<K, V> before = null;
    for (PolicyNode<K, V> current = bucketAt(table, index); current != null;
        before = current, current = current.chained) {
      if (current.hash == hash && (current.key() == key || key.equals(current.key()))) {
        CHAINED.set(node, current.chained);
        link(table, index, before, node);
        return current;
      }
    }
    CHAINED.set(node, bucketAt(table, index));
    setBucket(table, index, node);
    if (++size > table.length - (table.length >>> 2)) {
      resize();
    }
    return null;
  }

  /**
   * Maps {@code node}, whose key the caller knows is absent (it looked under the shard's lock and
   * has held it since): {@link #put} without the walk of the chain. Holds the shard's lock.
   */
  public void insert(PolicyNode<K, V> node) {
    int hash = spread(node.key().hashCode());
    node.hash = hash;
    PolicyNode<K, V>[] table = buckets;
    int index = hash & (table.length - 1);
    CHAINED.set(node, bucketAt(table, index));
    setBucket(table, index, node);
    if (++size > table.length - (table.length >>> 2)) {
      resize();
    }
  }

  /** Points {@code before} (or the bucket, when null) at {@code next}. */
  private static <K, V> void link(PolicyNode<K, V>[] table, int index, PolicyNode<K, V> before,
      PolicyNode<K, V> next) {
    if (before == null) {
      setBucket(table, index, next);
    } else {
      CHAINED.setRelease(before, next);
    }
  }

  /** Unmaps {@code node} if it is the node mapped under its key. Holds the shard's lock. */
  public boolean remove(PolicyNode<K, V> node) {
    PolicyNode<K, V>[] table = buckets;
    int index = node.hash & (table.length - 1);
    PolicyNode<K, V> before = null;
    for (PolicyNode<K, V> current = bucketAt(table, index); current != null;
        before = current, current = current.chained) {
      if (current == node) {
        link(table, index, before, node.chained);
        size--;
        return true;
      }
    }
    return false;
  }

  /** Doubles the bucket array, splitting each chain in two, order kept. Holds the shard's lock. */
  private void resize() {
    PolicyNode<K, V>[] old = buckets;
    if (old.length >= MAX_BUCKETS) {
      return;
    }
    PolicyNode<K, V>[] grown = newBuckets(old.length << 1);
    resizes++;
    for (int index = 0; index < old.length; index++) {
      PolicyNode<K, V> lowHead = null;
      PolicyNode<K, V> lowTail = null;
      PolicyNode<K, V> highHead = null;
      PolicyNode<K, V> highTail = null;
      for (PolicyNode<K, V> node = old[index]; node != null; ) {
        PolicyNode<K, V> next = node.chained;
        if ((node.hash & old.length) == 0) {
          if (lowTail == null) {
            lowHead = node;
          } else {
            lowTail.chained = node;
          }
          lowTail = node;
        } else {
          if (highTail == null) {
            highHead = node;
          } else {
            highTail.chained = node;
          }
          highTail = node;
        }
        node = next;
      }
      if (lowTail != null) {
        lowTail.chained = null;
      }
      if (highTail != null) {
        highTail.chained = null;
      }
      grown[index] = lowHead;
      grown[index + old.length] = highHead;
    }
    buckets = grown;
    resizes++;
  }

  /** How many nodes are mapped. Holds the shard's lock. */
  public int size() {
    return size;
  }

  /** Unmaps every node. Holds the shard's lock. */
  public void clear() {
    buckets = newBuckets(INITIAL_BUCKETS);
    size = 0;
  }

  /** Calls {@code action} on every mapped node. Holds the shard's lock; the action must not write. */
  public void forEach(Consumer<PolicyNode<K, V>> action) {
    for (PolicyNode<K, V> head : buckets) {
      for (PolicyNode<K, V> node = head; node != null; node = node.chained) {
        action.accept(node);
      }
    }
  }

  /** The mapped nodes, copied: for callers that go on after releasing the lock, or that write. */
  public List<PolicyNode<K, V>> snapshot() {
    List<PolicyNode<K, V>> nodes = new ArrayList<>(size);
    forEach(nodes::add);
    return nodes;
  }
}
