package dev.atrium.tiers.memory;

import dev.atrium.tiers.Ticker;

/**
 * One entry of a memory tier: a key, its value, the value's weight and a deadline.
 *
 * <p>Key, value and weight never change: replacing a value installs a new entry, so a reader that
 * holds an entry always sees a consistent value and weight. Only the deadline may move after
 * insertion (an access that renews it), through {@link MemoryTier#renew}. Eviction policies
 * subclass this to add their own links and bits; callers see only this base.
 */
public class MemoryEntry<K, V> {
  private final K key;
  private final V value;
  private final int weight;
  private volatile long deadline;
  private volatile boolean persisted;

  public MemoryEntry(K key, V value, int weight, long deadline) {
    this.key = key;
    this.value = value;
    this.weight = weight;
    this.deadline = deadline;
  }

  public final K key() {
    return key;
  }

  public final V value() {
    return value;
  }

  /** The weight charged against the tier's bound: 1 in a tier bounded by entry count. */
  public final int weight() {
    return weight;
  }

  /** When this entry expires, as a reading of the tier's {@link Ticker}; {@link Ticker#NEVER} if never. */
  public final long deadline() {
    return deadline;
  }

  /**
   * For tier implementations only: callers move a deadline through {@link MemoryTier#renew}. A
   * lower tier's copy keeps the old deadline, so the entry is no longer {@linkplain #isPersisted()
   * persisted}: evicted, it is written again rather than expire early below memory.
   */
  public final void setDeadline(long deadline) {
    this.deadline = deadline;
    this.persisted = false;
  }

  /**
   * Whether a lower tier already holds this exact entry, value and deadline (it was promoted from
   * disk unchanged), so that evicting it needs no write. Set through
   * {@link EntrySlot#putPersisted}; a new value is a new entry, unset.
   */
  public final boolean isPersisted() {
    return persisted;
  }

  public final void markPersisted() {
    this.persisted = true;
  }

  public final boolean isExpired(long now) {
    return Ticker.isExpired(deadline, now);
  }

  @Override
  public String toString() {
    return key + "=" + value;
  }
}
