package dev.atrium.tiers.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.Ticker;
import dev.atrium.tiers.memory.policy.PolicyNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class HitBufferTest {
  private final HitBuffer<Integer, Integer> buffer = new HitBuffer<>();

  private static PolicyNode<Integer, Integer> node(int key) {
    return new PolicyNode<>(key, key, 1, Ticker.NEVER);
  }

  private List<Integer> drain() {
    List<Integer> applied = new ArrayList<>();
    buffer.drain(node -> applied.add(node.key()));
    return applied;
  }

  @Test
  void hitsComeOutInTheOrderRecordedAndAFullBufferRefuses() {
    int recorded = 0;
    while (buffer.offer(node(recorded))) {
      recorded++;
    }
    assertEquals(32, recorded);
    assertFalse(buffer.offer(node(99)));
    List<Integer> applied = drain();
    assertEquals(32, applied.size());
    for (int i = 0; i < applied.size(); i++) {
      assertEquals(i, applied.get(i));
    }
    assertEquals(List.of(), drain());
  }

  @Test
  void theRingWrapsAround() {
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 20; i++) {
        assertTrue(buffer.offer(node(round * 100 + i)));
      }
      List<Integer> applied = drain();
      assertEquals(20, applied.size());
      assertEquals(round * 100, applied.get(0));
      assertEquals(round * 100 + 19, applied.get(19));
    }
  }

  @Test
  void oneThreadDrainingIsNeverShared() {
    for (int i = 0; i < 3 * HitBuffer.SHARED_SPAN; i++) {
      buffer.offer(node(i));
      assertFalse(buffer.drain(node -> {}));
    }
  }

  @Test
  void anotherThreadsDrainMakesTheBufferSharedUntilOneThreadDrainsAloneForTheSpan() throws Exception {
    assertFalse(buffer.drain(node -> {}));
    boolean[] sharedThere = new boolean[1];
    Thread other = new Thread(() -> sharedThere[0] = buffer.drain(node -> {}));
    other.start();
    other.join();
    assertTrue(sharedThere[0]);
    // this thread again: a change of drainer, shared for the whole span, then no longer
    for (int i = 0; i < HitBuffer.SHARED_SPAN; i++) {
      assertTrue(buffer.drain(node -> {}), "drain " + i);
    }
    assertFalse(buffer.drain(node -> {}));
  }

  @Test
  void aHitRepeatedAtOnceIsRecordedOnceWhichLeavesTheSameOrder() {
    PolicyNode<Integer, Integer> a = node(1);
    PolicyNode<Integer, Integer> b = node(2);
    assertTrue(buffer.offer(a));
    assertTrue(buffer.offer(a));
    assertTrue(buffer.offer(b));
    assertTrue(buffer.offer(a));
    assertEquals(List.of(1, 2, 1), drain());
  }

  @Test
  void eachThreadsHitsComeOutInItsOwnOrder() throws InterruptedException {
    Map<Integer, Boolean> recorded = new ConcurrentHashMap<>();
    Thread[] threads = new Thread[2];
    for (int t = 0; t < threads.length; t++) {
      int base = t * 100;
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 20; i++) {
          if (buffer.offer(node(base + i))) {
            recorded.put(base + i, true);
          }
        }
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    List<Integer> applied = drain();
    assertEquals(recorded.size(), applied.size());
    int lastOfFirst = -1;
    int lastOfSecond = 99;
    for (int key : applied) {
      if (key < 100) {
        assertTrue(key > lastOfFirst, "out of order: " + applied);
        lastOfFirst = key;
      } else {
        assertTrue(key > lastOfSecond, "out of order: " + applied);
        lastOfSecond = key;
      }
    }
  }
}
