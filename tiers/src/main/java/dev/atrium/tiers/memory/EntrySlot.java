package dev.atrium.tiers.memory;

/**
 * The view of one key that a {@link MemoryTier#compute} computation reads and changes while it
 * holds that key exclusively. Changes take effect when the computation returns; the last call wins.
 */
public interface EntrySlot<K, V> {

  K key();

  /** The live entry, or {@code null} when absent. An expired entry reads as absent. */
  MemoryEntry<K, V> current();

  /** Installs {@code value} with {@code deadline}, replacing any current entry. */
  void put(V value, long deadline);

  /**
   * As {@link #put}, for a value that a lower tier already holds with this deadline (a promotion):
   * the new entry is {@linkplain MemoryEntry#isPersisted() persisted} from the moment it exists,
   * so that an eviction that follows at once does not write it back.
   */
  void putPersisted(V value, long deadline);

  /** Keeps the current value and moves its deadline. No effect when absent. */
  void renew(long deadline);

  /** Removes the current entry, reported as {@link RemovalCause#EXPLICIT}. No effect when absent. */
  void remove();
}
