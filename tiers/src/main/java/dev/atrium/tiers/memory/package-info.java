/**
 * The memory tier: a bounded concurrent map of entries with deadlines, one contract
 * ({@link dev.atrium.tiers.memory.MemoryTier}) over several eviction policies. Victims leave
 * through a {@link dev.atrium.tiers.memory.RemovalListener} with their cause, which is how the
 * disk tier and the statistics learn of them.
 */
package dev.atrium.tiers.memory;
