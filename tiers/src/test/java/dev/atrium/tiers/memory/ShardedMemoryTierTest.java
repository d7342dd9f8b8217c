package dev.atrium.tiers.memory;

import dev.atrium.tiers.FakeTicker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.Ticker;
import dev.atrium.tiers.memory.policy.PolicyNode;
import dev.atrium.tiers.memory.policy.S3FifoConfig;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the sharded tier adds around its policies: configuration, sharding, the order it drives. */
class ShardedMemoryTierTest {
  private final FakeTicker ticker = new FakeTicker();
  private final RecordingListener<String, String> listener = new RecordingListener<>();
  private ShardedMemoryTier<String, String> tier;

  private ShardedMemoryTier<String, String> create(MemoryTierConfig.Builder<String, String> builder) {
    tier = (ShardedMemoryTier<String, String>) MemoryTiers.create(
        builder.ticker(ticker).removalListener(listener).build());
    return tier;
  }

  @AfterEach
  void checkIntegrity() {
    if (tier != null) {
      tier.checkIntegrity();
    }
    listener.assertEachOnce();
  }

  private List<String> queue(int index) {
    return tier.policy(0).snapshot(index).stream().map(PolicyNode::key).collect(Collectors.toList());
  }

  @Test
  void theS3FifoConfigurationReachesThePolicy() {
    // The hand-worked sequence of S3FifoEvictionTest, through a tier: small queue of half of 4.
    create(MemoryTierConfig.<String, String>builder().policy(EvictionPolicy.S3FIFO).maximumSize(4).shards(1)
        .s3Fifo(new S3FifoConfig(0.5, 1.0, 3, 1)));
    for (String key : List.of("a", "b", "c", "d")) {
      tier.put(key, key, Ticker.NEVER);
    }
    tier.get("a");
    tier.get("a");
    tier.get("b");
    tier.put("e", "e", Ticker.NEVER);
    assertEquals(List.of("b"), listener.keys(RemovalCause.CAPACITY));
    assertEquals(List.of("e", "d", "c"), queue(0));
    assertEquals(List.of("a"), queue(1));
    tier.put("b", "b", Ticker.NEVER);
    assertEquals(List.of("b", "c"), listener.keys(RemovalCause.CAPACITY));
    assertEquals(List.of("b", "a"), queue(1));
  }

  @Test
  void theDefaultS3FifoConfigurationIsThePapers() {
    MemoryTierConfig<String, String> config = new MemoryTierConfig<>(EvictionPolicy.S3FIFO, 10, null, 0,
        Ticker.system(), RemovalListener.none());
    assertSame(S3FifoConfig.DEFAULTS, config.s3Fifo());
    assertSame(S3FifoConfig.DEFAULTS, MemoryTierConfig.builder().build().s3Fifo());
    assertSame(S3FifoConfig.DEFAULTS, new MemoryTierConfig<>(EvictionPolicy.S3FIFO, 10, null, 0,
        Ticker.system(), RemovalListener.none(), null).s3Fifo());
  }

  @Test
  void lruThroughTheTierMovesHitsAndReplacementsToTheHead() {
    create(MemoryTierConfig.<String, String>builder().policy(EvictionPolicy.LRU).maximumSize(3).shards(1));
    tier.put("a", "1", Ticker.NEVER);
    tier.put("b", "1", Ticker.NEVER);
    tier.put("c", "1", Ticker.NEVER);
    tier.get("a");
    tier.put("b", "2", Ticker.NEVER);
    assertEquals(List.of("b", "a", "c"), queue(0));
    tier.peek("c");
    tier.put("d", "1", Ticker.NEVER);
    assertEquals(List.of("c"), listener.keys(RemovalCause.CAPACITY));
  }

  @Test
  void fifoThroughTheTierKeepsAReplacementInPlace() {
    create(MemoryTierConfig.<String, String>builder().policy(EvictionPolicy.FIFO).maximumSize(3).shards(1));
    tier.put("a", "1", Ticker.NEVER);
    tier.put("b", "1", Ticker.NEVER);
    tier.put("a", "2", Ticker.NEVER);
    assertEquals(List.of("b", "a"), queue(0));
    assertEquals("2", tier.get("a").value());
  }

  @Test
  void writesReclaimTheExpiredOldestBeforeEvicting() {
    create(MemoryTierConfig.<String, String>builder().policy(EvictionPolicy.FIFO).maximumSize(2).shards(1));
    tier.put("a", "1", ticker.in(10));
    tier.put("b", "1", Ticker.NEVER);
    ticker.advance(10);
    tier.put("c", "1", Ticker.NEVER);
    assertEquals(List.of("a"), listener.keys(RemovalCause.EXPIRED));
    assertTrue(listener.keys(RemovalCause.CAPACITY).isEmpty());
  }

  @Test
  void aVictimPastItsDeadlineIsReportedExpired() {
    // A heavier replacement evicts without probing first: the victim a is expired.
    create(MemoryTierConfig.<String, String>builder().policy(EvictionPolicy.FIFO)
        .maximumWeight(10, (key, value) -> value.length()).shards(1));
    tier.put("a", "xxx", ticker.in(10));
    tier.put("b", "xxx", Ticker.NEVER);
    tier.put("c", "xx", Ticker.NEVER);
    ticker.advance(10);
    tier.put("b", "xxxxxx", Ticker.NEVER);
    assertEquals(List.of("a"), listener.keys(RemovalCause.EXPIRED));
    assertTrue(listener.keys(RemovalCause.CAPACITY).isEmpty());
    assertEquals(8, tier.weightedSize());
  }

  @Test
  void anEntryHeavierThanItsShardButNotTheTierIsEvictedAtOnce() {
    create(MemoryTierConfig.<String, String>builder().policy(EvictionPolicy.SIEVE)
        .maximumWeight(100, (key, value) -> value.length()).shards(4));
    tier.put("a", "x".repeat(30), Ticker.NEVER);
    assertNull(tier.get("a"));
    assertEquals(List.of("a"), listener.keys(RemovalCause.CAPACITY));
    assertTrue(listener.keys(RemovalCause.OVERSIZED).isEmpty());
  }

  @Test
  void aLockingHitOnARemovedEntryChangesNothing() {
    create(MemoryTierConfig.<String, String>builder().policy(EvictionPolicy.LRU).maximumSize(3).shards(1));
    tier.put("a", "1", Ticker.NEVER);
    tier.put("b", "1", Ticker.NEVER);
    @SuppressWarnings("unchecked")
    PolicyNode<String, String> a = (PolicyNode<String, String>) tier.peek("a");
    tier.remove("a");
    tier.policy(0).onHit(a);
    assertEquals(List.of("b"), queue(0));
    tier.clear();
    tier.put("c", "1", Ticker.NEVER);
    @SuppressWarnings("unchecked")
    PolicyNode<String, String> c = (PolicyNode<String, String>) tier.peek("c");
    tier.clear();
    tier.policy(0).onHit(c);
    assertEquals(List.of(), queue(0));
  }

  @Test
  void aPlainReplacementWritesTheValueInPlaceAndCountsAsAHit() {
    create(MemoryTierConfig.<String, String>builder().policy(EvictionPolicy.S3FIFO).maximumSize(10).shards(1));
    tier.put("a", "1", Ticker.NEVER);
    MemoryEntry<String, String> node = tier.peek("a");
    node.markPersisted();
    MemoryEntry<String, String> previous = tier.put("a", "2", Ticker.NEVER);
    assertEquals("1", previous.value());
    assertSame(node, tier.peek("a"), "same weight, no deadline: the node stays");
    assertEquals("2", node.value());
    assertFalse(node.isPersisted(), "a disk copy holds the old value, so the entry must be written again");
    assertEquals(1, ((PolicyNode<String, String>) node).bits(), "the write is an access, as onReplace counts it");
  }

  @Test
  void aReplacementThatChangesWeightOrDeadlineInstallsANewEntry() {
    create(MemoryTierConfig.<String, String>builder().policy(EvictionPolicy.SIEVE)
        .maximumWeight(100, (key, value) -> value.length()).shards(1));
    tier.put("a", "1", Ticker.NEVER);
    MemoryEntry<String, String> first = tier.peek("a");
    tier.put("a", "22", Ticker.NEVER);
    MemoryEntry<String, String> heavier = tier.peek("a");
    assertNotSame(first, heavier);
    assertEquals("1", first.value(), "an entry that left the tier never changes");
    tier.put("a", "33", ticker.in(10));
    MemoryEntry<String, String> expiring = tier.peek("a");
    assertNotSame(heavier, expiring);
    tier.put("a", "44", Ticker.NEVER);
    assertNotSame(expiring, tier.peek("a"), "the old entry had a deadline");
    assertEquals("44", tier.get("a").value());
  }
}
