package dev.atrium.tiers.memory.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.Ticker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NodeTableTest {
  private final NodeTable<Object, String> table = new NodeTable<>();

  private static PolicyNode<Object, String> node(Object key, String value) {
    return new PolicyNode<>(key, value, 1, Ticker.NEVER);
  }

  /** A key whose hash code is chosen, to put several keys in one chain. */
  private record Colliding(int id, int hash) {
    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** insert() maps an absent key as put() does, in chains and across resizes, without a walk. */
  @Test
  void insertMapsAbsentKeysThroughResizes() {
    List<PolicyNode<Object, String>> nodes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      PolicyNode<Object, String> node = node(new Colliding(i, i % 5), "v" + i);
      table.insert(node);
      nodes.add(node);
    }
    assertEquals(200, table.size());
    for (int i = 0; i < 200; i++) {
      assertSame(nodes.get(i), table.get(new Colliding(i, i % 5)));
    }
    assertTrue(table.remove(nodes.get(17)));
    assertNull(table.get(new Colliding(17, 2)));
    table.insert(node(new Colliding(17, 2), "again"));
    assertEquals("again", table.get(new Colliding(17, 2)).value());
    assertEquals(200, table.snapshot().size());
  }

  @Test
  void putGetReplaceAndRemoveWithinOneChain() {
    List<PolicyNode<Object, String>> nodes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      PolicyNode<Object, String> node = node(new Colliding(i, 7), "v" + i);
      assertNull(table.put(node));
      nodes.add(node);
    }
    for (int i = 0; i < 5; i++) {
      assertSame(nodes.get(i), table.get(new Colliding(i, 7)));
    }
    PolicyNode<Object, String> replacement = node(new Colliding(2, 7), "w2");
    assertSame(nodes.get(2), table.put(replacement));
    assertSame(replacement, table.get(new Colliding(2, 7)));
    assertEquals(5, table.size());

    assertFalse(table.remove(nodes.get(2)), "a replaced node is no longer mapped");
    assertTrue(table.remove(nodes.get(0)));
    assertTrue(table.remove(replacement));
    assertNull(table.get(new Colliding(0, 7)));
    assertNull(table.get(new Colliding(2, 7)));
    assertSame(nodes.get(4), table.get(new Colliding(4, 7)));
    assertEquals(3, table.size());
    assertNull(table.get(new Colliding(9, 7)));
  }

  @Test
  void aRemovedNodeStillLeadsToTheRestOfItsChain() {
    // a reader standing on a node that is removed walks on from it
    PolicyNode<Object, String> tail = node(new Colliding(1, 3), "tail");
    PolicyNode<Object, String> middle = node(new Colliding(2, 3), "middle");
    PolicyNode<Object, String> head = node(new Colliding(3, 3), "head");
    table.put(tail);
    table.put(middle);
    table.put(head);
    table.remove(middle);
    assertSame(tail, middle.chained);
    assertSame(tail, head.chained);
  }

  @Test
  void growingKeepsEveryNodeAndEveryChainInOrder() {
    Set<Integer> removed = new HashSet<>();
    List<PolicyNode<Object, String>> nodes = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      PolicyNode<Object, String> node = node(i, "v" + i);
      table.put(node);
      nodes.add(node);
      if (i % 7 == 0) {
        assertTrue(table.remove(nodes.get(i / 2)) || removed.contains(i / 2));
        removed.add(i / 2);
      }
    }
    assertEquals(10_000 - removed.size(), table.size());
    assertEquals(table.size(), table.snapshot().size());
    for (int i = 0; i < 10_000; i++) {
      if (removed.contains(i)) {
        assertNull(table.get(i));
      } else {
        assertSame(nodes.get(i), table.get(i));
      }
    }
    table.clear();
    assertEquals(0, table.size());
    assertNull(table.get(1));
  }

  @Test
  void readersNeverMissAPresentKeyWhileTheTableGrows() throws Exception {
    // Each round publishes a fresh table holding the stable keys, then grows it through many
    // resizes with other keys (inserted and removed) while readers look the stable keys up. Hash
    // codes are multiples of 1,024, so that every key shares one long chain until the table has
    // 2,048 buckets, and later resizes split long chains: a reader is likely to be inside a chain
    // while it is rewired.
    int stableKeys = 64;
    AtomicReference<NodeTable<Object, String>> current = new AtomicReference<>();
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong misses = new AtomicLong();
    AtomicLong lookups = new AtomicLong();
    Runnable reader = () -> {
      int i = 0;
      while (!done.get()) {
        NodeTable<Object, String> seen = current.get();
        if (seen != null) {
          Object key = new Colliding(i % stableKeys, (i % stableKeys) << 10);
          if (seen.get(key) == null) {
            misses.incrementAndGet();
          }
          lookups.incrementAndGet();
        }
        i++;
      }
    };
    List<Thread> readers = List.of(new Thread(reader), new Thread(reader));
    readers.forEach(Thread::start);
    try {
      for (int round = 0; round < 100; round++) {
        NodeTable<Object, String> fresh = new NodeTable<>();
        for (int k = 0; k < stableKeys; k++) {
          fresh.put(node(new Colliding(k, k << 10), "stable"));
        }
        current.set(fresh);
        List<PolicyNode<Object, String>> transients = new ArrayList<>();
        for (int k = 0; k < 4_000; k++) {
          PolicyNode<Object, String> extra = node(new Colliding(-1 - k, (k * 0x9E3779B9) << 10), "extra");
          fresh.put(extra);
          transients.add(extra);
          if (k % 3 == 0) {
            fresh.remove(transients.get(k / 2));
          }
        }
      }
    } finally {
      done.set(true);
      for (Thread thread : readers) {
        thread.join();
      }
    }
    assertTrue(lookups.get() > 0);
    assertEquals(0, misses.get(), "lookups of present keys that found nothing, out of " + lookups.get());
  }
}
