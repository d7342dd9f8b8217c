package dev.atrium.tiers.disk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The lengths of the records last written under recently written slot keys, so that an
 * overwrite of one of them is known exactly ({@link KvStore#putRecord} returns the replaced
 * length) without reading the store: a hot key's overwrites then spend none of its set's credit,
 * and its set is not trimmed every few hundred appends to find nothing to evict. A cache in the
 * CPU's sense: direct-mapped, one 64-bit word per entry (a 40-bit fingerprint of the slot key
 * and a 24-bit length), so an entry is written and read whole without a lock, and a newer key
 * simply takes the place of an older one.
 *
 * <p><b>Exact or nothing.</b> An entry must never claim a length that is not the one on disk (or
 * in the write buffer) under its slot key; the owner therefore records every record it writes
 * and forgets every key it deletes ({@link #forget}), and forgets everything on a range delete
 * ({@link #clear}), which is rare. Writes of one slot key are serialized by the tier's lock of
 * its set, so an entry is never raced by a write of its own key; entries that two keys share
 * are written whole. A wrong length could only mistime a trim (the counter bounds bytes, not
 * values), and a fingerprint matches a different key of the same entry one time in 2^39.
 */
final class WrittenLengths {
  private static final VarHandle ENTRIES = MethodHandles.arrayElementVarHandle(long[].class);
  private static final int LENGTH_BITS = 24;
  private static final long LENGTH_MASK = (1L << LENGTH_BITS) - 1;
  /** An entry that matches no fingerprint: a length of zero is never recorded. */
  private static final long EMPTY = 0;

  private final long[] entries;
  private final int mask;

  /** A table of about {@code bytes} of heap (a power of two of entries, at least 16). */
  WrittenLengths(int bytes) {
    int size = Integer.highestOneBit(Math.max(16, bytes / Long.BYTES));
    this.entries = new long[size];
    this.mask = size - 1;
  }

  long heapBytes() {
    return 16 + (long) entries.length * Long.BYTES;
  }

  /** The length last recorded for {@code slotKeyBits}, or {@link KvStore#UNKNOWN}. */
  int get(long slotKeyBits) {
    long h = Mix64.mix(slotKeyBits);
    return lengthIn((long) ENTRIES.getOpaque(entries, index(h)), h);
  }

  /** Records that the newest record under {@code slotKeyBits} is {@code length} bytes. */
  void put(long slotKeyBits, int length) {
    long h = Mix64.mix(slotKeyBits);
    ENTRIES.setOpaque(entries, index(h), entry(h, length));
  }

  /**
   * {@link #get} then {@link #put}, the key mixed and its entry found once: what a buffered put
   * does on every call.
   */
  int replace(long slotKeyBits, int length) {
    long h = Mix64.mix(slotKeyBits);
    int i = index(h);
    int previous = lengthIn((long) ENTRIES.getOpaque(entries, i), h);
    ENTRIES.setOpaque(entries, i, entry(h, length));
    return previous;
  }

  /** Forgets {@code slotKeyBits} (its record was deleted). */
  void forget(long slotKeyBits) {
    long h = Mix64.mix(slotKeyBits);
    int i = index(h);
    if (lengthIn((long) ENTRIES.getOpaque(entries, i), h) != KvStore.UNKNOWN) {
      ENTRIES.setOpaque(entries, i, EMPTY);
    }
  }

  /** Forgets every key. */
  void clear() {
    Arrays.fill(entries, EMPTY);
    VarHandle.releaseFence();
  }

  /** The length {@code entry} holds if it is {@code h}'s, else UNKNOWN. */
  private static int lengthIn(long entry, long h) {
    if (entry == EMPTY || (entry >>> LENGTH_BITS) != fingerprint(h)) {
      return KvStore.UNKNOWN;
    }
    return (int) (entry & LENGTH_MASK);
  }

  /** The entry recording {@code length} for {@code h}; EMPTY if the length does not fit. */
  private static long entry(long h, int length) {
    return length > 0 && length <= LENGTH_MASK
        ? (fingerprint(h) << LENGTH_BITS) | length
        : EMPTY; // not representable: the key is forgotten rather than misremembered
  }

  /** The entry of a mixed key ({@link Mix64}: the slot keys of a set differ in their low half). */
  private int index(long h) {
    return (int) h & mask;
  }

  /** The high 40 bits of the mixed key, never 0 for a recorded entry (0 marks it empty). */
  private static long fingerprint(long h) {
    return (h >>> LENGTH_BITS) | 1;
  }
}
