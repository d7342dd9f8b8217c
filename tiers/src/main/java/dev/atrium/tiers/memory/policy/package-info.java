/**
 * The eviction policies of the sharded memory tier, one per file behind
 * {@link dev.atrium.tiers.memory.policy.EvictionQueue}: {@link dev.atrium.tiers.memory.policy.LruEviction},
 * {@link dev.atrium.tiers.memory.policy.FifoEviction}, {@link dev.atrium.tiers.memory.policy.SieveEviction}
 * and {@link dev.atrium.tiers.memory.policy.S3FifoEviction}. A policy orders the nodes of one shard
 * and picks victims; it knows nothing of maps, locks, deadlines or listeners, which the tier owns.
 * W-TinyLFU is not here: it is Caffeine's, wrapped by the tier that uses it.
 */
package dev.atrium.tiers.memory.policy;
