package dev.atrium.tiers.memory.policy;

import java.util.List;

/**
 * What the one-queue policies (FIFO, LRU, SIEVE) share: the queue, newest at the head, and its
 * test-only views. Subclasses decide what a hit and a replacement do and which node is the victim.
 */
abstract class SingleQueueEviction<K, V> implements EvictionQueue<K, V> {
  private static final byte QUEUE = 1;

  protected final NodeQueue<K, V> queue = new NodeQueue<>(QUEUE);
  private final String name;

  protected SingleQueueEviction(String name) {
    this.name = name;
  }

  @Override
  public void onInsert(PolicyNode<K, V> node) {
    queue.pushNewest(node);
  }

  @Override
  public void onRemove(PolicyNode<K, V> node) {
    queue.unlink(node);
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

  private void checkIndex(int index) {
    if (index != 0) {
      throw new IndexOutOfBoundsException(name + " has one queue, not " + (index + 1));
    }
  }

  @Override
  public String toString() {
    return name + queue.snapshot();
  }
}
