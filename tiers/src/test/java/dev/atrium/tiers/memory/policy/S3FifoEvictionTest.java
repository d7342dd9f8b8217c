package dev.atrium.tiers.memory.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * S3-FIFO's order on a sequence worked out by hand from the class's reading of the paper's
 * Algorithm 1 (SOSP'23). Capacity 4 with a small queue of half of it (threshold 2, ghost of 2), so
 * that a short sequence reaches promotion, a ghost hit and reinsertion in the main queue.
 */
class S3FifoEvictionTest {
  private final S3FifoEviction<String, String> s3 =
      new S3FifoEviction<>(4, new S3FifoConfig(0.5, 1.0, 3, 1));
  private final PolicyDriver cache = new PolicyDriver(s3, 4);

  @Test
  void promotionGhostHitAndMainReinsertion() {
    cache.read("a", "b", "c", "d");
    assertEquals(List.of("d", "c", "b", "a"), cache.queue(0));
    assertEquals(List.of(), cache.queue(1));
    cache.read("a", "a", "b");
    assertEquals(2, cache.bits("a"));
    assertEquals(1, cache.bits("b"));

    // Small is over its share: its tail a (freq 2 > 1) moves to main; b (freq 1) is the victim.
    cache.read("e");
    assertEquals(List.of("b"), cache.evicted());
    assertEquals(List.of("e", "d", "c"), cache.queue(0));
    assertEquals(List.of("a"), cache.queue(1));
    assertEquals(2, cache.bits("a"), "a promoted entry keeps its frequency");
    assertTrue(s3.ghostContains("b"));

    // b is remembered by the ghost: it goes straight to main; c leaves small to make room.
    cache.read("b");
    assertEquals(List.of("b", "c"), cache.evicted());
    assertEquals(List.of("e", "d"), cache.queue(0));
    assertEquals(List.of("b", "a"), cache.queue(1));
    assertFalse(s3.ghostContains("b"), "a ghost hit consumes the ghost entry");
    assertTrue(s3.ghostContains("c"));
    assertEquals(0, cache.bits("b"));

    cache.read("e");
    cache.read("f");
    assertEquals(List.of("b", "c", "d"), cache.evicted());
    assertEquals(List.of("f", "e"), cache.queue(0));

    // Both small entries are read twice: both move to main and small empties without a victim,
    // so main evicts: a (freq 2) goes back to main's head with freq 1, then b (freq 0) leaves.
    cache.read("f", "f", "e");
    cache.read("g");
    assertEquals(List.of("b", "c", "d", "b"), cache.evicted());
    assertEquals(List.of("g"), cache.queue(0));
    assertEquals(List.of("a", "f", "e"), cache.queue(1));
    assertEquals(1, cache.bits("a"));
    assertEquals(2, cache.bits("f"));
    assertEquals(2, cache.bits("e"));
    assertFalse(s3.ghostContains("b"), "main's victims are not remembered");
    assertEquals(2, s3.ghostSize());

    // Small is below its share: main evicts, decrementing as it reinserts until a reaches 0.
    cache.read("h");
    assertEquals(List.of("b", "c", "d", "b", "a"), cache.evicted());
    assertEquals(List.of("h", "g"), cache.queue(0));
    assertEquals(List.of("f", "e"), cache.queue(1));
    assertEquals(0, cache.bits("f"));
    assertEquals(0, cache.bits("e"));
  }

  @Test
  void theFrequencySaturatesAtThree() {
    cache.read("a");
    cache.read("a", "a", "a", "a", "a");
    assertEquals(3, cache.bits("a"));
  }

  @Test
  void theGhostForgetsItsOldestKeysBeyondItsCapacity() {
    cache.read("a", "b", "c", "d");
    cache.read("e", "f", "g");
    assertEquals(List.of("a", "b", "c"), cache.evicted());
    assertEquals(2, s3.ghostSize());
    assertFalse(s3.ghostContains("a"));
    assertTrue(s3.ghostContains("b"));
    assertTrue(s3.ghostContains("c"));
  }

  @Test
  void removalFromEitherQueue() {
    cache.read("a", "b", "c", "d");
    cache.read("a", "a");
    cache.read("e");
    assertEquals(List.of("a"), cache.queue(1));
    cache.remove("a");
    cache.remove("d");
    assertEquals(List.of(), cache.queue(1));
    assertEquals(List.of("e", "c"), cache.queue(0));
  }

  @Test
  void theConfigurationRejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new S3FifoConfig(0, 1, 3, 1));
    assertThrows(IllegalArgumentException.class, () -> new S3FifoConfig(0.1, -1, 3, 1));
    assertThrows(IllegalArgumentException.class, () -> new S3FifoConfig(0.1, 1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new S3FifoConfig(0.1, 1, 3, 3));
    assertEquals(new S3FifoConfig(0.10, 1.0, 3, 1), S3FifoConfig.DEFAULTS);
  }
}
