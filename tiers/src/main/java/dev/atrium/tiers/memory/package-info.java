/**
 * The memory tier: a bounded concurrent map of entries with deadlines, one contract
 * ({@link dev.atrium.tiers.memory.MemoryTier}) over several eviction policies. Victims leave
 * through a {@link dev.atrium.tiers.memory.RemovalListener} with their cause, which is how the
 * disk tier and the statistics learn of them.
 *
 * <p>{@link dev.atrium.tiers.memory.MemoryTiers} builds the tier a
 * {@link dev.atrium.tiers.memory.MemoryTierConfig} names: W-TinyLFU through Caffeine
 * ({@code TinyLfuMemoryTier}), or the sharded tier ({@code ShardedMemoryTier}) over one of the
 * policies of {@link dev.atrium.tiers.memory.policy} (LRU, FIFO, SIEVE, S3-FIFO).
 */
package dev.atrium.tiers.memory;
