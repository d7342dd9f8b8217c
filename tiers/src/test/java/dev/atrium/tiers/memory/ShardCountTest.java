package dev.atrium.tiers.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The default sharding of {@link ShardedMemoryTier}. */
class ShardCountTest {

  @Test
  void anExplicitCountIsKept() {
    assertEquals(1, ShardedMemoryTier.shardCount(1, 1_000_000, 16));
    assertEquals(16, ShardedMemoryTier.shardCount(16, 10, 2));
  }

  @Test
  void theDefaultIsFourPerCoreRoundedUpToAPowerOfTwoAndCapped() {
    assertEquals(4, ShardedMemoryTier.shardCount(0, 1_000_000, 1));
    assertEquals(8, ShardedMemoryTier.shardCount(0, 1_000_000, 2));
    assertEquals(16, ShardedMemoryTier.shardCount(0, 1_000_000, 3));
    assertEquals(64, ShardedMemoryTier.shardCount(0, 1_000_000, 16));
    assertEquals(64, ShardedMemoryTier.shardCount(0, 1_000_000, 256));
  }

  @Test
  void smallCapacitiesGetFewerShards() {
    assertEquals(1, ShardedMemoryTier.shardCount(0, 0, 8));
    assertEquals(1, ShardedMemoryTier.shardCount(0, 2047, 8));
    assertEquals(2, ShardedMemoryTier.shardCount(0, 2048, 8));
    assertEquals(1, ShardedMemoryTier.shardCount(0, 2000, 2));
    assertEquals(4, ShardedMemoryTier.shardCount(0, 4096, 8));
    assertEquals(8, ShardedMemoryTier.shardCount(0, 100_000, 2));
  }

  @Test
  void theSharesAddUpToTheCapacity() {
    ShardedMemoryTier<String, String> tier = new ShardedMemoryTier<>(MemoryTierConfig.<String, String>builder()
        .policy(EvictionPolicy.FIFO).maximumSize(1003).shards(4).build());
    long total = 0;
    for (int i = 0; i < tier.shardCount(); i++) {
      total += tier.shardCapacity(i);
    }
    assertEquals(1003, total);
    assertEquals(251, tier.shardCapacity(0));
    assertEquals(250, tier.shardCapacity(3));
  }
}
