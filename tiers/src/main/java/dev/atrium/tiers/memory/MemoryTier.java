package dev.atrium.tiers.memory;

import dev.atrium.tiers.CacheStore;

/**
 * The memory tier: a {@link CacheStore} held entirely on the heap, under one of the
 * {@link EvictionPolicy eviction policies}. Its contract is {@link CacheStore}'s; what it adds is
 * where its victims go: every entry that leaves is reported to the {@link RemovalListener} of its
 * {@link MemoryTierConfig}, with its {@link RemovalCause}.
 */
public interface MemoryTier<K, V> extends CacheStore<K, V> {}
