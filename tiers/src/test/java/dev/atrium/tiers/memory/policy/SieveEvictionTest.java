package dev.atrium.tiers.memory.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SIEVE's order on sequences worked out by hand from the paper's Algorithm 1 (NSDI'24). */
class SieveEvictionTest {
  private final SieveEviction<String, String> sieve = new SieveEviction<>();
  private final PolicyDriver cache = new PolicyDriver(sieve, 4);

  private String hand() {
    return sieve.hand() == null ? null : sieve.hand().key();
  }

  @Test
  void theHandClearsVisitedEntriesAndEvictsTheFirstUnvisited() {
    cache.read("a", "b", "c", "d");
    assertEquals(List.of("d", "c", "b", "a"), cache.queue(0));
    assertNull(hand(), "the first sweep starts at the tail");
    assertEquals(2, cache.read("a", "b"));
    assertEquals(1, cache.bits("a"));

    // From the tail: a and b are visited (cleared, kept in place); c is the victim.
    cache.read("e");
    assertEquals(List.of("c"), cache.evicted());
    assertEquals(List.of("e", "d", "b", "a"), cache.queue(0));
    assertEquals(0, cache.bits("a"));
    assertEquals(0, cache.bits("b"));
    assertEquals("d", hand(), "the hand stops just newer than the victim");

    cache.read("e");
    cache.read("f");
    assertEquals(List.of("c", "d"), cache.evicted());
    assertEquals("e", hand());

    // e is visited: cleared; f, just inserted, is unvisited: the victim; the hand runs off the head.
    cache.read("g");
    assertEquals(List.of("c", "d", "f"), cache.evicted());
    assertEquals(List.of("g", "e", "b", "a"), cache.queue(0));
    assertNull(hand());

    // Past the head the hand starts again at the tail, where a now waits unvisited.
    cache.read("h");
    assertEquals(List.of("c", "d", "f", "a"), cache.evicted());
    assertEquals(List.of("h", "g", "e", "b"), cache.queue(0));
    assertEquals("b", hand());
  }

  @Test
  void aSweepOverOnlyVisitedEntriesWrapsToTheTail() {
    PolicyDriver small = new PolicyDriver(sieve, 3);
    small.read("a", "b", "c");
    assertEquals(3, small.read("a", "b", "c"));
    small.read("d");
    assertEquals(List.of("a"), small.evicted());
    assertEquals(List.of("d", "c", "b"), small.queue(0));
    assertEquals(0, small.bits("b"));
    assertEquals(0, small.bits("c"));
    assertEquals("b", hand());
  }

  @Test
  void removingTheEntryUnderTheHandMovesTheHandNewer() {
    cache.read("a", "b", "c", "d");
    cache.read("a", "b");
    cache.read("e");
    assertEquals("d", hand());
    cache.remove("d");
    assertEquals("e", hand());
    cache.read("f", "g");
    // f filled the hole; g's eviction starts at the hand: e is unvisited.
    assertEquals(List.of("c", "e"), cache.evicted());
    assertEquals(List.of("g", "f", "b", "a"), cache.queue(0));
  }

  @Test
  void aReplacementTakesThePlaceAndTheHandAndCountsAsAVisit() {
    cache.read("a", "b", "c", "d");
    cache.read("a", "b");
    cache.read("e");
    PolicyNode<String, String> old = sieve.snapshot(0).get(1);
    assertEquals("d", old.key());
    PolicyNode<String, String> replacement = new PolicyNode<>("d", "d2", 1, Long.MAX_VALUE);
    sieve.onReplace(old, replacement);
    assertEquals(replacement, sieve.hand());
    assertEquals(1, replacement.bits());
    assertEquals(List.of("e", "d", "b", "a"), cache.queue(0));
    assertEquals("d2", sieve.snapshot(0).get(1).value());
  }
}
