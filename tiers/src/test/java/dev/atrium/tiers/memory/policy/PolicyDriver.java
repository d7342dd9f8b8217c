package dev.atrium.tiers.memory.policy;

import dev.atrium.tiers.Ticker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Drives one {@link EvictionQueue} as a single-shard cache of {@code capacity} entries would, so
 * a test can spell out a sequence and read the queues: a read of a present key is a hit, a read
 * of an absent key evicts until there is room and then inserts, as the tier does.
 */
final class PolicyDriver {
  private final EvictionQueue<String, String> policy;
  private final int capacity;
  private final Map<String, PolicyNode<String, String>> nodes = new HashMap<>();
  private final List<String> evicted = new ArrayList<>();

  PolicyDriver(EvictionQueue<String, String> policy, int capacity) {
    this.policy = policy;
    this.capacity = capacity;
  }

  /** Reads each key in turn; returns how many were hits. */
  int read(String... keys) {
    int hits = 0;
    for (String key : keys) {
      PolicyNode<String, String> node = nodes.get(key);
      if (node != null) {
        policy.onHit(node);
        hits++;
        continue;
      }
      while (nodes.size() >= capacity) {
        PolicyNode<String, String> victim = policy.selectVictim();
        nodes.remove(victim.key());
        evicted.add(victim.key());
      }
      node = new PolicyNode<>(key, key, 1, Ticker.NEVER);
      nodes.put(key, node);
      policy.onInsert(node);
    }
    check();
    return hits;
  }

  void remove(String key) {
    policy.onRemove(nodes.remove(key));
    check();
  }

  /** The keys of {@code queue}, newest first. */
  List<String> queue(int queue) {
    return policy.snapshot(queue).stream().map(PolicyNode::key).collect(Collectors.toList());
  }

  /** The policy bits of {@code key}: visited bit or frequency. */
  int bits(String key) {
    return nodes.get(key).bits();
  }

  /** Every victim so far, oldest first. */
  List<String> evicted() {
    return evicted;
  }

  private void check() {
    int queued = 0;
    for (int queue = 0; queue < policy.queueCount(); queue++) {
      for (PolicyNode<String, String> node : policy.snapshot(queue)) {
        if (nodes.get(node.key()) != node) {
          throw new IllegalStateException(node + " is queued but not cached");
        }
        queued++;
      }
    }
    if (queued != nodes.size()) {
      throw new IllegalStateException(queued + " queued, " + nodes.size() + " cached");
    }
    policy.checkIntegrity();
  }
}
