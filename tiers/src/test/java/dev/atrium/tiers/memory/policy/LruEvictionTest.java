package dev.atrium.tiers.memory.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.Ticker;
import java.util.ArrayList;

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

  @Test
  void unsharedNoHitIsDroppedAndSharedOnlyHitsOnTheNewestShareAre() {
    LruEviction<Integer, Integer> lru = new LruEviction<>();
    List<PolicyNode<Integer, Integer>> nodes = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      PolicyNode<Integer, Integer> node = new PolicyNode<>(i, i, 1, Ticker.NEVER);
      lru.onInsert(node);
      nodes.add(node);
    }
    lru.afterHits(false);
    for (PolicyNode<Integer, Integer> node : nodes) {
      assertFalse(lru.mayDropHit(node), "unshared, " + node);
    }
    lru.afterHits(true);
    // the window: the newest 32 / REFRESH_DIVISOR insertions
    int firstInWindow = 32 - 32 / LruEviction.REFRESH_DIVISOR;
    for (int i = 0; i < 32; i++) {
      assertEquals(i >= firstInWindow, lru.mayDropHit(nodes.get(i)), "shared, " + nodes.get(i));
    }
    // a node moved after the last publication is as new as can be
    lru.onHit(nodes.get(0));
    assertTrue(lru.mayDropHit(nodes.get(0)));
    lru.afterHits(true);
    assertTrue(lru.mayDropHit(nodes.get(0)));
    assertFalse(lru.mayDropHit(nodes.get(firstInWindow)), "pushed out of the window by the move");
  }

  @Test
  void unsharedNotEvenANodePromotedSinceThePublicationIsDropped() {
    LruEviction<Integer, Integer> lru = new LruEviction<>();
    PolicyNode<Integer, Integer> old = new PolicyNode<>(1, 1, 1, Ticker.NEVER);
    lru.onInsert(old);
    lru.afterHits(false);
    PolicyNode<Integer, Integer> fresh = new PolicyNode<>(2, 2, 1, Ticker.NEVER);
    lru.onInsert(fresh);
    assertFalse(lru.mayDropHit(fresh));
    lru.onHit(old);
    assertFalse(lru.mayDropHit(old));
  }
}
