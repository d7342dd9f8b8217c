package dev.atrium.tiers.memory.policy;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An intrusive doubly linked list of {@link PolicyNode}s, newest at the head, oldest at the tail.
 * Every operation is O(1) and allocates nothing; the caller holds the shard's lock. The queue keeps
 * its length and total weight, and tags its nodes with its id so a policy with several queues
 * knows where a node lives. Padded ({@link LinePadded}): its fields change on every move, and the
 * policy's fields next to it are read on every lookup.
 */
final class NodeQueue<K, V> extends LinePadded {
  private final byte id;
  private PolicyNode<K, V> head;
  private PolicyNode<K, V> tail;
  private int size;
  private long weight;
  /** Nodes pushed at the head so far, wrapping: LRU stamps its promotions with it. */
  private int pushes;

  NodeQueue(byte id) {
    if (id == PolicyNode.DETACHED) {
      throw new IllegalArgumentException("queue id " + id + " is reserved for detached nodes");
    }
    this.id = id;
  }

  byte id() {
    return id;
  }

  boolean contains(PolicyNode<K, V> node) {
    return node.queue == id;
  }

  boolean isEmpty() {
    return head == null;
  }

  int size() {
    return size;
  }

  long weight() {
    return weight;
  }

  PolicyNode<K, V> newest() {
    return head;
  }

  PolicyNode<K, V> oldest() {
    return tail;
  }

  void pushNewest(PolicyNode<K, V> node) {
    node.queue = id;
    node.older = head;
    node.newer = null;
    if (head == null) {
      tail = node;
    } else {
      head.newer = node;
    }
    head = node;
    size++;
    weight += node.weight();
    pushes++;
  }

  /** How many nodes were pushed at the head so far (wrapping; differences stay exact). */
  int pushes() {
    return pushes;
  }

  void unlink(PolicyNode<K, V> node) {
    PolicyNode<K, V> newer = node.newer;
    PolicyNode<K, V> older = node.older;
    if (newer == null) {
      head = older;
    } else {
      newer.older = older;
    }
    if (older == null) {
      tail = newer;
    } else {
      older.newer = newer;
    }
    node.newer = null;
    node.older = null;
    node.queue = PolicyNode.DETACHED;
    size--;
    weight -= node.weight();
  }

  void moveToNewest(PolicyNode<K, V> node) {
    if (node != head) {
      unlink(node);
      pushNewest(node);
    }
  }

  /** Puts {@code replacement} where {@code old} was; {@code old} leaves detached. */
  void replace(PolicyNode<K, V> old, PolicyNode<K, V> replacement) {
    PolicyNode<K, V> newer = old.newer;
    PolicyNode<K, V> older = old.older;
    replacement.newer = newer;
    replacement.older = older;
    replacement.queue = id;
    if (newer == null) {
      head = replacement;
    } else {
      newer.older = replacement;
    }
    if (older == null) {
      tail = replacement;
    } else {
      older.newer = replacement;
    }
    weight += replacement.weight() - old.weight();
    old.newer = null;
    old.older = null;
    old.queue = PolicyNode.DETACHED;
  }

  /** Empties the queue and detaches every node, so that a late reader's hit finds nothing to move. */
  void clear() {
    PolicyNode<K, V> node = head;
    while (node != null) {
      PolicyNode<K, V> next = node.older;
      node.newer = null;
      node.older = null;
      node.queue = PolicyNode.DETACHED;
      node = next;
    }
    head = null;
    tail = null;
    size = 0;
    weight = 0;
  }

  /**
   * The nodes from newest to oldest, after checking the links both ways, the tags, the length and
   * the weight; throws {@link IllegalStateException} on the first inconsistency. For tests.
   */
  List<PolicyNode<K, V>> snapshot() {
    List<PolicyNode<K, V>> nodes = new ArrayList<>(size);
    Map<PolicyNode<K, V>, Boolean> seen = new IdentityHashMap<>();
    long total = 0;
    PolicyNode<K, V> expectedNewer = null;
    for (PolicyNode<K, V> node = head; node != null; node = node.older) {
      check(seen.put(node, Boolean.TRUE) == null, "node " + node + " appears twice (a cycle)");
      check(node.newer == expectedNewer, "broken newer link at " + node);
      check(node.queue == id, "node " + node + " is tagged " + node.queue + " in queue " + id);
      check(nodes.size() < size + 1, "queue " + id + " is longer than its size " + size);
      nodes.add(node);
      total += node.weight();
      expectedNewer = node;
    }
    check(tail == expectedNewer, "tail of queue " + id + " is not its last node");
    check(nodes.size() == size, "queue " + id + " has " + nodes.size() + " nodes, size says " + size);
    check(total == weight, "queue " + id + " weighs " + total + ", weight says " + weight);
    return nodes;
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
