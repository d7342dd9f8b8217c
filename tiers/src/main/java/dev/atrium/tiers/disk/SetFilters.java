package dev.atrium.tiers.disk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The heap side of the sets: per set a small Bloom filter over the slots it holds, a byte counter
 * that bounds the bytes of its records (see below), the number of keys added to its filter, and a
 * "poisoned" flag. No per-key index: a set of n keys costs about {@code bitsPerKey} bits per key
 * it can hold plus a fixed ~36 bytes (array header, reference, four counters).
 *
 * <p><b>Byte counter.</b> The tier trims a set when {@link #bytes} passes its budget, so the
 * counter must never fall below the bytes of the records in the set (one per slot key: the
 * newest) by more than a known amount. A trim sets it to the bytes it kept. An append adds its
 * full size, except when every probe bit of its slot was already set: then it is an overwrite
 * (the new record replaces the older one under the same slot key, whose bytes the set no longer
 * holds) or a false positive of the filter (a new key). It is credited with what an overwrite
 * frees at least: the smallest record the set may hold ({@code minRecord}, the smallest kept by
 * the last trim or appended since). If it was an overwrite, the counter stays an upper bound; if it was a
 * false positive, the counter falls short by the credit. So that no run of false positives can
 * let a set grow without bound, credits between two trims are capped at {@code creditCap} bytes
 * (an append known to replace a record of its slot, one the write buffer holds or wrote
 * recently, is counted exactly instead, and spends no credit):
 * a set's records never exceed {@code bytes + creditCap}, and in expectation exceed
 * {@code bytes} by about {@code p / (1 - p)} of the set's budget ({@code p} the false-positive
 * rate), since every new key that is not a false positive is counted in full. Without credits, an
 * overwrite-only workload trims every set each {@code budget / record} appends to find nothing to
 * evict.
 *
 * <p><b>Filter.</b> A set's filter is sized when it is (re)built for the number of records its
 * budget holds at the set's own average record size, so the bits per entry do not depend on the
 * value size. Bits are only added between rebuilds; a rebuild (at trim) starts from the surviving
 * slots, which is how deleted keys leave. Probes are derived from the 32-bit slot (the low bits of
 * the key hash): a block of {@link #BLOCK_WORDS} consecutive words (the whole filter if smaller),
 * then {@code k} bits inside it by double hashing, each mapped by multiply-shift.
 *
 * <p><b>Concurrency.</b> Writers (add, rebuild, counters) hold the set's lock in the tier.
 * Readers ({@link #mayContain}) take no lock: the filter array is published with release
 * semantics and its words are set with release and read with acquire, so a reader that starts
 * after an add returned sees its bits. A rebuild publishes a new array built from a scan made
 * under the lock, so no append is lost.
 *
 * <p><b>Poison.</b> A set whose on-disk content may be stale (a tombstone or a write was lost to
 * an error) is poisoned: it answers "absent" to every key until it is wiped and rebuilt.
 */
final class SetFilters {
  private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle FILTERS = MethodHandles.arrayElementVarHandle(long[][].class);
  /**
   * Words of a probe block: the probes of a slot all fall within 8 consecutive words (512 bits, at
   * most two cache lines), so an add or a lookup costs one or two cache misses instead of one per
   * probe. The false-positive rate rises a little over an unblocked filter of the same size
   * (Putze, Sanders, Singler: "Cache-, Hash- and Space-Efficient Bloom Filters", WEA'07).
   */
  static final int BLOCK_WORDS = 8;
  /** Bytes of a long[] header with compressed class pointers, plus the reference to it. */
  private static final int ARRAY_OVERHEAD = 16 + 4;

  private final long[][] filters;
  private final int[] bytes;
  private final int[] added;
  /** Bytes credited to appends of slots already in the filter since the last rebuild. */
  private final int[] credits;
  /** A lower bound of the size of any record in the set; {@code MAX_VALUE} if it has none. */
  private final int[] minRecord;
  private final int creditCap;
  private final AtomicLongArray poison;
  private final int bitsPerKey;
  private final int probes;

  /**
   * @param creditCap the most bytes credited to overwrites of one set between two trims: how far
   *     its records may exceed its counter if every credited append was a false positive
   */
  SetFilters(int sets, int bitsPerKey, int creditCap) {
    this.filters = new long[sets][];
    this.bytes = new int[sets];
    this.added = new int[sets];
    this.credits = new int[sets];
    this.minRecord = new int[sets];
    Arrays.fill(minRecord, Integer.MAX_VALUE);
    this.creditCap = creditCap;
    this.poison = new AtomicLongArray((sets + 63) >>> 6);
    this.bitsPerKey = bitsPerKey;
    this.probes = Math.max(1, (int) Math.round(bitsPerKey * 0.69));
  }

  /** False if no key with {@code slot} is in {@code set}. Lock-free. */
  boolean mayContain(int set, int slot) {
    long[] filter = (long[]) FILTERS.getAcquire(filters, set);
    if (filter == null || poisoned(set)) {
      return false;
    }
    long h = mix(slot);
    int block = Math.min(filter.length, BLOCK_WORDS);
    int start = blockStart(h, filter.length, block);
    long bits = (long) block << 6;
    int a = (int) h;
    int b = stride(h);
    for (int i = 0; i < probes; i++) {
      long bit = ((a + i * b) & 0xFFFFFFFFL) * bits >>> 32;
      long word = (long) WORDS.getAcquire(filter, start + (int) (bit >>> 6));
      if ((word & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Records an append of {@code recordBytes} for {@code slot}; creates the filter for
   * {@code capacityKeys} keys if the set has none. Caller holds the set's lock. Keys count only
   * slots that set a new bit. Bytes count the whole record unless the slot was already in the
   * filter (see the class comment), or unless the append is known to have replaced a record of
   * {@code replacedBytes} under the same slot key ({@link KvStore#UNKNOWN} if that is not known):
   * the set then holds exactly {@code recordBytes - replacedBytes} more, so the counter moves by
   * that and no credit is spent, which keeps a hot key's overwrites from using up the set's
   * credits (and from making its set's trims, scans that find nothing to evict, frequent).
   */
  void add(int set, int slot, int recordBytes, int capacityKeys, int replacedBytes) {
    long[] filter = filters[set];
    int counted = recordBytes;
    if (replacedBytes >= 0) {
      counted -= replacedBytes;
    }
    if (filter == null) {
      filter = new long[words(capacityKeys)];
      set(filter, slot, false);
      FILTERS.setRelease(filters, set, filter);
      added[set]++;
    } else if (set(filter, slot, true)) {
      added[set]++;
    } else if (replacedBytes < 0) {
      // an overwrite or a false positive: it adds nothing to the filter's load (overfull()),
      // and its bytes are credited with what the record it replaces held at least
      int credit = Math.min(Math.min(recordBytes, minRecord[set]), creditCap - credits[set]);
      credits[set] += credit;
      counted -= credit;
    }
    minRecord[set] = Math.min(minRecord[set], recordBytes);
    // a replacement by a smaller record lowers the counter, never below zero
    bytes[set] = Math.max(0, bytes[set] + counted);
  }

  /** Counts an append of a record whose slot is already in the filter (a tombstone), in full. */
  void addBytes(int set, int recordBytes) {
    minRecord[set] = Math.min(minRecord[set], recordBytes);
    bytes[set] += recordBytes;
  }

  /**
   * Replaces the filter with one over {@code slots[0, count)}, records of {@code liveBytes} in all,
   * the smallest of {@code smallestRecord} bytes ({@code MAX_VALUE} if none). Caller holds the
   * set's lock.
   */
  void rebuild(int set, int[] slots, int count, int capacityKeys, int liveBytes,
      int smallestRecord) {
    long[] filter = null;
    if (count > 0) {
      filter = new long[words(Math.max(count, capacityKeys))];
      for (int i = 0; i < count; i++) {
        set(filter, slots[i], false);
      }
    }
    FILTERS.setRelease(filters, set, filter);
    bytes[set] = liveBytes;
    added[set] = count;
    credits[set] = 0;
    minRecord[set] = smallestRecord;
  }

  /** Forgets everything about {@code set}. Caller holds the set's lock. */
  void reset(int set) {
    rebuild(set, null, 0, 0, 0, Integer.MAX_VALUE);
  }

  /** The set's counter: its records' bytes are at most this plus {@link #credits}. */
  int bytes(int set) {
    return bytes[set];
  }

  /** Bytes credited to overwrites of the set since its last rebuild, at most the cap. */
  int credits(int set) {
    return credits[set];
  }

  /** Whether more distinct keys were added to the set's filter than it was sized for. */
  boolean overfull(int set) {
    long[] filter = filters[set];
    return filter != null && (long) added[set] * bitsPerKey > (long) filter.length << 6;
  }

  boolean poisoned(int set) {
    return (poison.get(set >>> 6) & (1L << set)) != 0;
  }

  /** Marks the set poisoned; returns whether it was not already. */
  boolean poison(int set) {
    long mask = 1L << set;
    return (poison.getAndAccumulate(set >>> 6, mask, (w, m) -> w | m) & mask) == 0;
  }

  void unpoison(int set) {
    long mask = 1L << set;
    poison.getAndAccumulate(set >>> 6, ~mask, (w, m) -> w & m);
  }

  boolean anyPoisoned() {
    for (int i = 0; i < poison.length(); i++) {
      if (poison.get(i) != 0) {
        return true;
      }
    }
    return false;
  }

  int sets() {
    return bytes.length;
  }

  /** Heap bytes of the per-set structures (filters, counters, poison bits and the arrays). */
  long heapBytes() {
    long total = 5L * 16 + (long) filters.length * (4 + 4 * 4) + poison.length() * 8L + 16;
    for (int i = 0; i < filters.length; i++) {
      long[] filter = (long[]) FILTERS.getAcquire(filters, i);
      if (filter != null) {
        total += ARRAY_OVERHEAD - 4 + filter.length * 8L;
      }
    }
    return total;
  }

  private int words(int keys) {
    return (int) Math.max(1, ((long) keys * bitsPerKey + 63) >>> 6);
  }

  /** Sets the probes of {@code slot}; returns whether any bit was not set before. */
  private boolean set(long[] filter, int slot, boolean published) {
    long h = mix(slot);
    int block = Math.min(filter.length, BLOCK_WORDS);
    int start = blockStart(h, filter.length, block);
    long bits = (long) block << 6;
    int a = (int) h;
    int b = stride(h);
    boolean changed = false;
    for (int i = 0; i < probes; i++) {
      long bit = ((a + i * b) & 0xFFFFFFFFL) * bits >>> 32;
      int index = start + (int) (bit >>> 6);
      long word = filter[index];
      if ((word & (1L << bit)) == 0) {
        changed = true;
        if (published) {
          // writers of a set are serialized by its lock, so a release store (no atomic
          // read-modify-write) suffices; a bit already set costs only the read
          WORDS.setRelease(filter, index, word | (1L << bit));
        } else {
          filter[index] = word | (1L << bit);
        }
      }
    }
    return changed;
  }

  /**
   * The first word of the block of a slot's probes: the high half of its hash, mapped onto the
   * {@code length - block + 1} possible starts by multiply-shift.
   */
  private static int blockStart(long h, int length, int block) {
    return (int) (((h >>> 32) * (length - block + 1)) >>> 32);
  }

  /** The odd stride between a slot's probes, from bits independent of its block. */
  private static int stride(long h) {
    return (int) ((h * 0x9E3779B97F4A7C15L) >>> 32) | 1;
  }

  /** Spreads the 32-bit slot over 64 bits (the murmur3 finalizer). */
  private static long mix(int slot) {
    return Mix64.mix(slot * 0x9E3779B97F4A7C15L);
  }
}
