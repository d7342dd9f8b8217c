package dev.atrium.tiers.hybrid;

import dev.atrium.tiers.disk.DiskTierStats;

/**
 * Counters of a hybrid store since it opened.
 *
 * @param memoryHits lookups answered by the memory tier
 * @param pendingHits lookups answered by an entry waiting in the write queue
 * @param diskHits lookups answered by the disk tier (each one promoted the entry to memory)
 * @param misses lookups answered by no tier
 * @param filterSkips misses the disk tier's filter answered without I/O
 * @param promotionWaits memory misses that waited for another thread's promotion of the same key
 *     (single flight) instead of reading below memory themselves
 * @param queued entries handed to the write queue
 * @param written entries the background writers stored on disk
 * @param rejected entries refused by admission (too large, or over the rate limit)
 * @param dropped entries dropped because the write queue was full
 * @param cancelled queued entries superseded (put or removed again) before they were written
 * @param serializationFailures entries whose key or value could not be serialized (kept off disk)
 * @param queuedBytes bytes waiting in the write queue now
 * @param disk the disk tier's own counters
 */
public record HybridStats(
    long memoryHits,
    long pendingHits,
    long diskHits,
    long misses,
    long filterSkips,
    long promotionWaits,
    long queued,
    long written,
    long rejected,
    long dropped,
    long cancelled,
    long serializationFailures,
    long queuedBytes,
    DiskTierStats disk) {}
