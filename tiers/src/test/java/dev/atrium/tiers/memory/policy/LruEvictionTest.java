package dev.atrium.tiers.memory.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LruEvictionTest {
  private final PolicyDriver cache = new PolicyDriver(new LruEviction<>(), 3);

  @Test
  void aHitMovesTheEntryToTheHeadAndTheTailIsEvicted() {
    cache.read("a", "b", "c");
    assertEquals(List.of("c", "b", "a"), cache.queue(0));
    assertEquals(1, cache.read("a"));
    assertEquals(List.of("a", "c", "b"), cache.queue(0));
    cache.read("d");
    assertEquals(List.of("b"), cache.evicted());
    assertEquals(List.of("d", "a", "c"), cache.queue(0));
    cache.read("c", "e");
    assertEquals(List.of("b", "a"), cache.evicted());
    assertEquals(List.of("e", "c", "d"), cache.queue(0));
  }

  @Test
  void removalUnlinksFromAnyPosition() {
    cache.read("a", "b", "c");
    cache.remove("b");
    assertEquals(List.of("c", "a"), cache.queue(0));
    cache.remove("a");
    cache.remove("c");
    assertEquals(List.of(), cache.queue(0));
    cache.read("x", "y", "z", "w");
    assertEquals(List.of("x"), cache.evicted());
  }
}
