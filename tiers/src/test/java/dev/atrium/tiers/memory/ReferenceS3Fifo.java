package dev.atrium.tiers.memory;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * S3-FIFO as the paper's Algorithm 1 writes it (Yang et al., SOSP'23), single-threaded, with
 * {@code S3FifoEviction}'s reading of it (see that class): small queue 10%, ghost as large as the
 * main queue's share, frequency saturating at 3, promotion at {@code freq > 1}, one victim per
 * eviction, eviction before insertion. Queues are deques with the head first.
 */
final class ReferenceS3Fifo {
  private final int capacity;
  private final double smallThreshold;
  private final long ghostCapacity;
  private final ArrayDeque<Long> small = new ArrayDeque<>();
  private final ArrayDeque<Long> main = new ArrayDeque<>();
  private final LinkedHashSet<Long> ghost = new LinkedHashSet<>();
  private final Map<Long, Integer> freq = new HashMap<>();

  ReferenceS3Fifo(int capacity) {
    this.capacity = capacity;
    this.smallThreshold = 0.10 * capacity;
    this.ghostCapacity = (long) (1.0 * (1 - 0.10) * capacity);
  }

  /** Returns whether {@code key} was a hit; a miss inserts it. */
  boolean read(long key) {
    Integer f = freq.get(key);
    if (f != null) {
      freq.put(key, Math.min(f + 1, 3));
      return true;
    }
    while (freq.size() >= capacity) {
      evict();
    }
    if (ghost.remove(key)) {
      main.addFirst(key);
    } else {
      small.addFirst(key);
    }
    freq.put(key, 0);
    return false;
  }

  private void evict() {
    while (true) {
      if (!small.isEmpty() && (small.size() >= smallThreshold || main.isEmpty())) {
        if (evictSmall()) {
          return;
        }
      } else if (evictMain()) {
        return;
      }
    }
  }

  private boolean evictSmall() {
    while (!small.isEmpty()) {
      long t = small.removeLast();
      if (freq.get(t) > 1) {
        main.addFirst(t);
      } else {
        freq.remove(t);
        ghost.remove(t);
        ghost.add(t);
        while (ghost.size() > ghostCapacity) {
          ghost.remove(ghost.iterator().next());
        }
        return true;
      }
    }
    return false;
  }

  private boolean evictMain() {
    while (!main.isEmpty()) {
      long t = main.removeLast();
      int f = freq.get(t);
      if (f > 0) {
        freq.put(t, f - 1);
        main.addFirst(t);
      } else {
        freq.remove(t);
        return true;
      }
    }
    return false;
  }
}
