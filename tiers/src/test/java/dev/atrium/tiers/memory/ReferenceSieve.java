package dev.atrium.tiers.memory;

import java.util.HashMap;
import java.util.Map;

/**
 * SIEVE as the paper's Algorithm 1 writes it (Zhang et al., NSDI'24), single-threaded, to check
 * the tier against: a doubly linked list with the head newest, a visited flag, and a hand that
 * moves from the tail towards the head (to {@code prev}) and wraps to the tail.
 */
final class ReferenceSieve {
  private static final class Node {
    final long key;
    boolean visited;
    Node prev;
    Node next;

    Node(long key) {
      this.key = key;
    }
  }

  private final int capacity;
  private final Map<Long, Node> cache = new HashMap<>();
  private Node head;
  private Node tail;
  private Node hand;

  ReferenceSieve(int capacity) {
    this.capacity = capacity;
  }

  /** Returns whether {@code key} was a hit; a miss inserts it. */
  boolean read(long key) {
    Node node = cache.get(key);
    if (node != null) {
      node.visited = true;
      return true;
    }
    if (cache.size() >= capacity) {
      evict();
    }
    node = new Node(key);
    node.next = head;
    if (head != null) {
      head.prev = node;
    }
    head = node;
    if (tail == null) {
      tail = node;
    }
    cache.put(key, node);
    return false;
  }

  private void evict() {
    Node o = hand != null ? hand : tail;
    while (o.visited) {
      o.visited = false;
      o = o.prev != null ? o.prev : tail;
    }
    hand = o.prev;
    if (o.prev != null) {
      o.prev.next = o.next;
    } else {
      head = o.next;
    }
    if (o.next != null) {
      o.next.prev = o.prev;
    } else {
      tail = o.prev;
    }
    cache.remove(o.key);
  }
}
