package dev.atrium.tiers.memory.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FifoEvictionTest {
  private final PolicyDriver cache = new PolicyDriver(new FifoEviction<>(), 3);

  @Test
  void hitsChangeNothingAndTheOldestInsertionIsEvicted() {
    cache.read("a", "b", "c");
    assertEquals(2, cache.read("a", "a"));
    assertEquals(List.of("c", "b", "a"), cache.queue(0));
    cache.read("d");
    assertEquals(List.of("a"), cache.evicted());
    cache.read("a");
    assertEquals(List.of("a", "b"), cache.evicted());
    assertEquals(List.of("a", "d", "c"), cache.queue(0));
  }

  @Test
  void removalUnlinksFromAnyPosition() {
    cache.read("a", "b", "c");
    cache.remove("b");
    cache.read("d", "e");
    assertEquals(List.of("a"), cache.evicted());
    assertEquals(List.of("e", "d", "c"), cache.queue(0));
  }
}
