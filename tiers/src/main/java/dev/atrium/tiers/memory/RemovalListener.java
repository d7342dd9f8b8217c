package dev.atrium.tiers.memory;

/**
 * Receives every entry that leaves a memory tier, with the reason. This is how victims flow
 * onward: the hybrid coordinator hands {@link RemovalCause#CAPACITY} victims to the disk tier, the
 * JCache layer turns {@link RemovalCause#EXPIRED} into expiry events, and statistics count them all.
 *
 * <p>Called synchronously by the thread whose operation removed the entry, possibly while the
 * tier holds the lock of the entry's key: implementations must be quick and must not call back
 * into the same tier for the same key.
 */
@FunctionalInterface
public interface RemovalListener<K, V> {

  void onRemoval(MemoryEntry<K, V> entry, RemovalCause cause);

  static <K, V> RemovalListener<K, V> none() {
    return (entry, cause) -> { };
  }
}
