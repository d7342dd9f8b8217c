package dev.atrium.tiers.memory.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ghost queue against the paper's ghost (a FIFO of hashes bounded by the main queue's size),
 * by hand on short sequences, and against the {@code LinkedHashMap} it replaced on long random ones.
 */
class GhostQueueTest {

  @Test
  void forgetsTheOldestFirstOnceOverCapacity() {
    GhostQueue ghost = ghostOfWeightOne(3, 10, 20, 30);
    assertArrayEquals(new int[] {10, 20, 30}, ghost.fingerprintsOldestFirst());
    ghost.add(40, 1);
    assertArrayEquals(new int[] {20, 30, 40}, ghost.fingerprintsOldestFirst());
    assertFalse(ghost.contains(10));
    assertEquals(3, ghost.size());
    ghost.checkIntegrity();
  }

  @Test
  void rememberingAgainMovesToTheNewestEnd() {
    GhostQueue ghost = ghostOfWeightOne(3, 10, 20, 30);
    ghost.add(10, 1);
    assertArrayEquals(new int[] {20, 30, 10}, ghost.fingerprintsOldestFirst());
    ghost.add(40, 1);
    assertArrayEquals(new int[] {30, 10, 40}, ghost.fingerprintsOldestFirst(), "20 is now the oldest");
    ghost.checkIntegrity();
  }

  @Test
  void aHitForgetsOutOfOrderAndTheOldestEndSkipsIt() {
    GhostQueue ghost = ghostOfWeightOne(3, 10, 20, 30);
    assertTrue(ghost.remove(20));
    assertFalse(ghost.remove(20), "a hit consumes the fingerprint");
    assertArrayEquals(new int[] {10, 30}, ghost.fingerprintsOldestFirst());
    ghost.add(40, 1);
    assertArrayEquals(new int[] {10, 30, 40}, ghost.fingerprintsOldestFirst(), "room was made by the hit");
    ghost.add(50, 1);
    assertArrayEquals(new int[] {30, 40, 50}, ghost.fingerprintsOldestFirst());
    ghost.checkIntegrity();
  }

  @Test
  void boundsByWeightAndForgetsAnEntryHeavierThanItAll() {
    GhostQueue ghost = new GhostQueue(5);
    ghost.add(1, 2);
    ghost.add(2, 2);
    ghost.add(3, 2);
    assertArrayEquals(new int[] {2, 3}, ghost.fingerprintsOldestFirst());
    assertEquals(4, ghost.weight());
    ghost.add(4, 0);
    assertArrayEquals(new int[] {2, 3, 4}, ghost.fingerprintsOldestFirst(), "weightless entries fit");
    ghost.add(5, 9);
    assertEquals(0, ghost.size(), "a fingerprint heavier than the capacity pushes everything out, itself too");
    assertEquals(0, ghost.weight());
    ghost.checkIntegrity();
  }

  @Test
  void clearForgetsEverything() {
    GhostQueue ghost = new GhostQueue(100);
    for (int i = 0; i < 100; i++) {
      ghost.add(i, 1);
    }
    ghost.clear();
    assertEquals(0, ghost.size());
    assertFalse(ghost.contains(5));
    ghost.add(5, 1);
    assertArrayEquals(new int[] {5}, ghost.fingerprintsOldestFirst());
    ghost.checkIntegrity();
  }

  /**
   * Long random sequences, with colliding low bits, hits that leave dead slots, rings that compact
   * and grow, against a {@code LinkedHashMap} used as the ghost was before: same fingerprints, same
   * order, same weight after every step.
   */
  @Test
  void behavesAsTheLinkedHashMapItReplaced() {
    Random random = new Random(7);
    for (int round = 0; round < 40; round++) {
      long capacity = 1 + random.nextInt(round < 20 ? 8 : 300);
      int keySpace = 1 + random.nextInt(4 * (int) capacity + 2);
      boolean weighted = random.nextBoolean();
      GhostQueue ghost = new GhostQueue(capacity);
      Map<Integer, Integer> model = new LinkedHashMap<>();
      long[] modelWeight = {0};
      for (int step = 0; step < 5_000; step++) {
        // multiples of 1024 share their low bits, as the keys of one shard may
        int fingerprint = (random.nextInt(keySpace) - keySpace / 2) * (random.nextBoolean() ? 1024 : 1);
        if (random.nextInt(3) == 0) {
          Integer removed = model.remove(fingerprint);
          if (removed != null) {
            modelWeight[0] -= removed;
          }
          assertEquals(removed != null, ghost.remove(fingerprint));
        } else {
          int weight = weighted ? random.nextInt(4) : 1;
          Integer previous = model.remove(fingerprint);
          if (previous != null) {
            modelWeight[0] -= previous;
          }
          model.put(fingerprint, weight);
          modelWeight[0] += weight;
          Iterator<Map.Entry<Integer, Integer>> oldest = model.entrySet().iterator();
          while (modelWeight[0] > capacity && oldest.hasNext()) {
            modelWeight[0] -= oldest.next().getValue();
            oldest.remove();
          }
          ghost.add(fingerprint, weight);
        }
        assertArrayEquals(model.keySet().stream().mapToInt(Integer::intValue).toArray(),
            ghost.fingerprintsOldestFirst(), "round " + round + " step " + step);
        assertEquals(modelWeight[0], ghost.weight());
        if (step % 97 == 0) {
          ghost.checkIntegrity();
        }
      }
      ghost.checkIntegrity();
    }
  }

  /** A ghost of {@code capacity} that remembered {@code fingerprints}, weight 1 each, in order. */
  private static GhostQueue ghostOfWeightOne(int capacity, int... fingerprints) {
    GhostQueue ghost = new GhostQueue(capacity);
    for (int fingerprint : fingerprints) {
      ghost.add(fingerprint, 1);
    }
    return ghost;
  }
}
