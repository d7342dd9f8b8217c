package dev.atrium.tiers.memory;

/** A function run atomically on one key of a memory tier; see {@link MemoryTier#compute}. */
@FunctionalInterface
public interface EntryComputation<K, V, R> {

  R apply(EntrySlot<K, V> slot);
}
