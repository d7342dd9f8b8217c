package dev.atrium.tiers.memory.policy;

import java.util.Arrays;

/**
 * S3-FIFO's ghost queue G: 32-bit key fingerprints in the order they were remembered, each with the
 * weight of the entry it stood for, forgetting the oldest once their total passes the capacity.
 * Behaves exactly as a {@code LinkedHashMap<Integer, Integer>} in insertion order used that way
 * (remembering a present fingerprint moves it to the newest end), without boxing a fingerprint, a
 * weight and a map entry per eviction, which is where a get-put-on-miss workload spends them.
 *
 * <p><b>Layout.</b> A ring of (fingerprint, weight) slots in remembering order, oldest at
 * {@link #head}, and an open-addressing index (linear probing) from fingerprint to ring slot. A
 * fingerprint forgotten out of order (a ghost hit) leaves a dead slot in the ring, which the oldest
 * end skips when it gets there; when the ring is full, it is compacted, or doubled if mostly live.
 * The index holds live fingerprints only: deletion shifts the following probe run back (Knuth's
 * algorithm R), so there are no tombstones and lookups stay short. Not thread-safe: the shard's
 * lock guards it.
 */
final class GhostQueue {
  private static final int DEAD = -1;
  private static final int EMPTY = -1;
  private static final int MIN_SLOTS = 16;

  private final long capacity;
  /** Fingerprints and weights by ring slot; a weight of {@link #DEAD} marks a forgotten slot. */
  private int[] fingerprints = new int[MIN_SLOTS];
  private int[] weights = new int[MIN_SLOTS];
  /** Ring positions, counted from 0 and never wrapped: slot = position & (length - 1). */
  private long head;
  private long tail;
  /** Ring slot by index bucket, or {@link #EMPTY}; twice the ring's length, so at most half full. */
  private int[] index = newIndex(2 * MIN_SLOTS);
  private int size;
  private long weight;

  /** A ghost that forgets its oldest fingerprints while they weigh more than {@code capacity}. */
  GhostQueue(long capacity) {
    this.capacity = capacity;
  }

  private static int[] newIndex(int length) {
    int[] index = new int[length];
    Arrays.fill(index, EMPTY);
    return index;
  }

  /** Spreads a fingerprint over the index (they may share low bits within one shard). */
  private static int bucketOf(int fingerprint, int mask) {
    int h = fingerprint * 0x9E3779B9;
    return (h ^ (h >>> 15)) & mask;
  }

  /** The index bucket holding {@code fingerprint}, or -1. */
  private int find(int fingerprint) {
    int mask = index.length - 1;
    for (int bucket = bucketOf(fingerprint, mask); ; bucket = (bucket + 1) & mask) {
      int slot = index[bucket];
      if (slot == EMPTY) {
        return -1;
      }
      if (fingerprints[slot] == fingerprint) {
        return bucket;
      }
    }
  }

  /** Whether the ghost remembers {@code fingerprint}. */
  boolean contains(int fingerprint) {
    return find(fingerprint) >= 0;
  }

  /** Forgets {@code fingerprint} (a ghost hit). Returns whether it was remembered. */
  boolean remove(int fingerprint) {
    int bucket = find(fingerprint);
    if (bucket < 0) {
      return false;
    }
    int slot = index[bucket];
    weight -= weights[slot];
    weights[slot] = DEAD;
    size--;
    unindex(bucket);
    return true;
  }

  /**
   * Remembers {@code fingerprint} as the newest, with {@code entryWeight} (moving it if it was
   * there), then forgets the oldest while the ghost weighs more than its capacity.
   */
  void add(int fingerprint, int entryWeight) {
    remove(fingerprint);
    if (tail - head == fingerprints.length) {
      makeRoom();
    }
    int slot = (int) (tail++ & (fingerprints.length - 1));
    fingerprints[slot] = fingerprint;
    weights[slot] = entryWeight;
    size++;
    weight += entryWeight;
    insertIndex(fingerprint, slot);
    while (weight > capacity && size > 0) {
      forgetOldest();
    }
  }

  private void forgetOldest() {
    int mask = fingerprints.length - 1;
    while (weights[(int) (head & mask)] == DEAD) {
      head++;
    }
    int slot = (int) (head++ & mask);
    remove(fingerprints[slot]);
  }

  private void insertIndex(int fingerprint, int slot) {
    int mask = index.length - 1;
    int bucket = bucketOf(fingerprint, mask);
    while (index[bucket] != EMPTY) {
      bucket = (bucket + 1) & mask;
    }
    index[bucket] = slot;
  }

  /** Empties {@code bucket}, moving back the entries of its probe run that would be lost. */
  private void unindex(int bucket) {
    int mask = index.length - 1;
    int hole = bucket;
    for (int next = (hole + 1) & mask; index[next] != EMPTY; next = (next + 1) & mask) {
      int home = bucketOf(fingerprints[index[next]], mask);
      // the entry at next may fill the hole unless its home lies cyclically in (hole, next]
      boolean homeAfterHole = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
      if (!homeAfterHole) {
        index[hole] = index[next];
        hole = next;
      }
    }
    index[hole] = EMPTY;
  }

  /**
   * The ring is full: copies the live slots, oldest first, to the start of a ring of the same
   * length if at most half are live, else of twice the length; then rebuilds the index.
   */
  private void makeRoom() {
    int length = fingerprints.length;
    int newLength = size <= length / 2 ? length : length * 2;
    int[] newFingerprints = new int[newLength];
    int[] newWeights = new int[newLength];
    int live = 0;
    for (long position = head; position < tail; position++) {
      int slot = (int) (position & (length - 1));
      if (weights[slot] != DEAD) {
        newFingerprints[live] = fingerprints[slot];
        newWeights[live] = weights[slot];
        live++;
      }
    }
    fingerprints = newFingerprints;
    weights = newWeights;
    head = 0;
    tail = live;
    index = newIndex(2 * newLength);
    for (int slot = 0; slot < live; slot++) {
      insertIndex(fingerprints[slot], slot);
    }
  }

  /** Forgets everything, and gives back the memory a large ghost took. */
  void clear() {
    fingerprints = new int[MIN_SLOTS];
    weights = new int[MIN_SLOTS];
    index = newIndex(2 * MIN_SLOTS);
    head = 0;
    tail = 0;
    size = 0;
    weight = 0;
  }

  /** How many fingerprints are remembered. */
  int size() {
    return size;
  }

  /** The total weight of the remembered fingerprints. */
  long weight() {
    return weight;
  }

  /** Test-only view: the remembered fingerprints, oldest first. */
  int[] fingerprintsOldestFirst() {
    int[] result = new int[size];
    int count = 0;
    for (long position = head; position < tail; position++) {
      int slot = (int) (position & (fingerprints.length - 1));
      if (weights[slot] != DEAD) {
        result[count++] = fingerprints[slot];
      }
    }
    return result;
  }

  /**
   * Test-only: checks that the ring's live slots, the index, the size and the weight agree, and
   * that the ghost is within its capacity. Throws {@link IllegalStateException} if not.
   */
  void checkIntegrity() {
    int live = 0;
    long total = 0;
    for (long position = head; position < tail; position++) {
      int slot = (int) (position & (fingerprints.length - 1));
      if (weights[slot] != DEAD) {
        live++;
        total += weights[slot];
        int bucket = find(fingerprints[slot]);
        check(bucket >= 0 && index[bucket] == slot, "ghost fingerprint " + fingerprints[slot] + " is not indexed");
      }
    }
    int indexed = 0;
    for (int slot : index) {
      if (slot != EMPTY) {
        indexed++;
      }
    }
    check(live == size && indexed == size, "ghost ring holds " + live + ", index " + indexed + ", size says " + size);
    check(total == weight, "ghost weighs " + total + ", weight says " + weight);
    check(weight <= Math.max(capacity, 0), "ghost holds " + weight + " over its capacity " + capacity);
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
