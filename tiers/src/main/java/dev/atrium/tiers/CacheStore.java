package dev.atrium.tiers;

import dev.atrium.tiers.memory.EntryComputation;
import dev.atrium.tiers.memory.MemoryEntry;
import dev.atrium.tiers.memory.RemovalCause;
import dev.atrium.tiers.memory.RemovalListener;
import java.util.Iterator;

/**
 * A bounded, concurrent map of entries with deadlines: what the JCache layer stores into. The
 * memory tier is one ({@link dev.atrium.tiers.memory.MemoryTier}); the hybrid store, memory over
 * disk, is another ({@link dev.atrium.tiers.hybrid.HybridStore}). Both keep the same contract, so
 * the layer above does not know which one it has.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>An expired entry is never returned by any method, including the iterator; it is reclaimed
 *       when an operation finds it or by {@link #cleanUp()}, and reported as
 *       {@link RemovalCause#EXPIRED}, without waiting for capacity pressure.</li>
 *   <li>Operations on one key are linearizable: {@link #compute} runs its function while holding
 *       the key exclusively, and {@link #put}/{@link #remove} are atomic.</li>
 *   <li>No operation ever returns a value older than the last completed {@link #put},
 *       {@link #remove} or computation of that key.</li>
 *   <li>After each operation returns, the store is within its bound (entry count or weight). An
 *       entry heavier than the whole capacity is not admitted: it is reported as
 *       {@link RemovalCause#OVERSIZED}, and any older value of its key is removed so that no
 *       stale value can be read.</li>
 *   <li>Every entry that leaves is reported once to the {@link RemovalListener}.</li>
 * </ul>
 * Keys and values are never null. Time comes from the store's {@link Ticker}.
 */
public interface CacheStore<K, V> extends Iterable<MemoryEntry<K, V>>, AutoCloseable {

  /** The live entry of {@code key}, or null. Counts as an access for the eviction policy. */
  MemoryEntry<K, V> get(K key);

  /** The live entry of {@code key}, or null, without telling the eviction policy. */
  MemoryEntry<K, V> peek(K key);

  /** Maps {@code key} to {@code value} until {@code deadline}; returns the live entry it replaced. */
  MemoryEntry<K, V> put(K key, V value, long deadline);

  /**
   * {@link #put} for a caller that does not need the entry it replaced (a JCache {@code put}): the
   * same change and the same reports, but a store may skip building the returned entry, which an
   * in-place replacement would otherwise allocate only to be dropped.
   */
  default void set(K key, V value, long deadline) {
    put(key, value, deadline);
  }

  /** Removes {@code key}; returns the live entry removed, or null. */
  MemoryEntry<K, V> remove(K key);

  /** Runs {@code computation} with {@code key} held exclusively and applies what it decided. */
  <R> R compute(K key, EntryComputation<K, V, R> computation);

  /**
   * Moves the deadline of {@code entry} if it is still the live entry of its key (an access that
   * renews it); returns whether it was.
   */
  boolean renew(MemoryEntry<K, V> entry, long deadline);

  /** A weakly consistent iterator over the live entries; {@code remove()} is supported. */
  @Override
  Iterator<MemoryEntry<K, V>> iterator();

  /** The number of entries, expired ones not yet reclaimed included. */
  long size();

  /** The total weight of the entries (equal to {@link #size()} in a tier bounded by count). */
  long weightedSize();

  /** The bound: maximum entry count, or maximum total weight when weighted. */
  long capacity();

  /** Removes every entry without reporting them. */
  void clear();

  /** Reclaims expired entries and finishes any pending maintenance now. */
  void cleanUp();

  /** Releases the tier's resources; the tier is empty afterwards. */
  @Override
  void close();
}
