package dev.atrium.tiers.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The default sharding of {@link ShardedMemoryTier}. */
class ShardCountTest {

  @Test
  void anExplicitCountIsKept() {
    assertEquals(1, ShardedMemoryTier.shardCount(1, 1_000_000, 16, 1024));
    assertEquals(16, ShardedMemoryTier.shardCount(16, 10, 2, 1024));
  }

  @Test
  void theDefaultIsFourPerCoreRoundedUpToAPowerOfTwoAndCapped() {
    assertEquals(4, ShardedMemoryTier.shardCount(0, 1_000_000, 1, 1024));
    assertEquals(8, ShardedMemoryTier.shardCount(0, 1_000_000, 2, 1024));
    assertEquals(16, ShardedMemoryTier.shardCount(0, 1_000_000, 3, 1024));
    assertEquals(64, ShardedMemoryTier.shardCount(0, 1_000_000, 16, 1024));
    assertEquals(64, ShardedMemoryTier.shardCount(0, 1_000_000, 256, 1024));
  }

  @Test
  void smallCapacitiesGetFewerShards() {
    assertEquals(1, ShardedMemoryTier.shardCount(0, 0, 8, 1024));
    assertEquals(1, ShardedMemoryTier.shardCount(0, 2047, 8, 1024));
    assertEquals(2, ShardedMemoryTier.shardCount(0, 2048, 8, 1024));
    assertEquals(1, ShardedMemoryTier.shardCount(0, 2000, 2, 1024));
    assertEquals(4, ShardedMemoryTier.shardCount(0, 4096, 8, 1024));
    assertEquals(8, ShardedMemoryTier.shardCount(0, 100_000, 2, 1024));
  }

  @Test
  void lruFifoAndS3FifoSplitSmallerTiersThanSieve() {
    assertEquals(256, ShardedMemoryTier.minDefaultShare(EvictionPolicy.LRU));
    assertEquals(256, ShardedMemoryTier.minDefaultShare(EvictionPolicy.FIFO));
    assertEquals(1024, ShardedMemoryTier.minDefaultShare(EvictionPolicy.SIEVE));
    assertEquals(256, ShardedMemoryTier.minDefaultShare(EvictionPolicy.S3FIFO));
    // the get-put-on-miss benchmark's 4,096 entries on two cores
    assertEquals(8, ShardedMemoryTier.shardCount(0, 4096, 2, 256));
    assertEquals(4, ShardedMemoryTier.shardCount(0, 4096, 2, 1024));
    assertEquals(2, ShardedMemoryTier.shardCount(0, 1000, 2, 256));
    assertEquals(1, ShardedMemoryTier.shardCount(0, 511, 2, 256));
  }

  @Test
  void aTierShardsByItsPolicysMinimumShare() {
    ShardedMemoryTier<String, String> lru = new ShardedMemoryTier<>(MemoryTierConfig.<String, String>builder()
        .policy(EvictionPolicy.LRU).maximumSize(4096).build());
    ShardedMemoryTier<String, String> sieve = new ShardedMemoryTier<>(MemoryTierConfig.<String, String>builder()
        .policy(EvictionPolicy.SIEVE).maximumSize(4096).build());
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(ShardedMemoryTier.shardCount(0, 4096, cores, 256), lru.shardCount());
    assertEquals(ShardedMemoryTier.shardCount(0, 4096, cores, 1024), sieve.shardCount());
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
