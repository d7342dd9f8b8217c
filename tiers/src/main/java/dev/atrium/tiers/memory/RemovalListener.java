package dev.atrium.tiers.memory;

/**
 * Receives every entry that leaves a memory tier, with the reason. This is how victims flow
 * onward: the hybrid coordinator hands {@link RemovalCause#CAPACITY} victims to the disk tier, the
 * JCache layer turns {@link RemovalCause#EXPIRED} into expiry events, and statistics count them all.
 *
 * <p>Called synchronously by the thread whose operation removed the entry. A
 * {@link RemovalCause#CAPACITY} victim is reported while the tier still excludes writers of its key
 * (under the lock that guards the key), so that a listener handing victims onward sees each one
 * before any later write to the same key can complete: the hybrid store relies on it to never let
 * an evicted value overtake a newer write on its way to disk. It is also reported before readers
 * stop finding it, so that a reader finds the value in the tier or wherever the listener put it,
 * never in neither (which would send a hybrid read to an older disk copy). Implementations must
 * therefore be quick and must not write to the tier.
 */
@FunctionalInterface
public interface RemovalListener<K, V> {

  void onRemoval(MemoryEntry<K, V> entry, RemovalCause cause);

  static <K, V> RemovalListener<K, V> none() {
    return (entry, cause) -> { };
  }
}
