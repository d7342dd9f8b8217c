package dev.atrium.tiers.memory;

import dev.atrium.tiers.Ticker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One entry of a memory tier: a key, its value, the value's weight and a deadline.
 *
 * <p>Key and weight never change. The deadline may move after insertion (an access that renews
 * it, through {@link MemoryTier#renew}). The value changes in one case only: a plain
 * {@link MemoryTier#put} over an entry that never expires, with a value of the same weight and no
 * deadline either, which a tier may do in place (see {@link #replaceValue}); everything that
 * decides on the value (computations) installs a new entry instead. So a reader that reads the
 * value once sees a value that was current at some moment, with the weight and deadline it has.
 * An entry that has left its tier never changes again. Eviction policies subclass this to add
 * their own links and bits; callers see only this base.
 */
public class MemoryEntry<K, V> {
  private static final VarHandle VALUE;
  private static final VarHandle DEADLINE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      VALUE = lookup.findVarHandle(MemoryEntry.class, "value", Object.class);
      DEADLINE = lookup.findVarHandle(MemoryEntry.class, "deadline", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final K key;
  private volatile V value;
  private final int weight;
  private volatile long deadline;
  private volatile boolean persisted;

  /**
   * The constructor writes the volatile fields in plain mode: a volatile store is a full fence on
   * x86, two per new entry on every insertion, and buys nothing here, because an entry reaches
   * other threads only through a release (a tier's table, a concurrent map), which publishes these
   * writes with it.
   */
  public MemoryEntry(K key, V value, int weight, long deadline) {
    this.key = key;
    VALUE.set(this, value);
    this.weight = weight;
    DEADLINE.set(this, deadline);
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
   * {@link EntrySlot#putPersisted}; a new value unsets it.
   */
  public final boolean isPersisted() {
    return persisted;
  }

  public final void markPersisted() {
    this.persisted = true;
  }

  /**
   * For tier implementations only, under the tier's lock for this key, on an entry that is mapped,
   * never expires and keeps its weight: the new value replaces the old in place, which saves the
   * new entry and the relinking of the eviction queue that a replacement costs. A lower tier's copy
   * holds the old value, so the entry is no longer {@linkplain #isPersisted() persisted}; that is
   * cleared first, so that whoever sees the new value also sees that it must be written.
   * The store is a release, not a volatile write's full fence: the caller releases the lock next.
   */
  final void replaceValue(V value) {
    if (persisted) {
      this.persisted = false;
    }
    // a release store keeps the order above; the lock's release right after makes it visible
    VALUE.setRelease(this, value);
  }

  public final boolean isExpired(long now) {
    return Ticker.isExpired(deadline, now);
  }

  /** Whether the entry has expired by {@code ticker}'s clock, read only if the entry can expire. */
  public final boolean isExpired(Ticker ticker) {
    return deadline != Ticker.NEVER && isExpired(ticker.read());
  }

  @Override
  public String toString() {
    return key + "=" + value;
  }
}
