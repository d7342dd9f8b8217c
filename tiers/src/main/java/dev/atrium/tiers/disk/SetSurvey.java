package dev.atrium.tiers.disk;

import dev.atrium.tiers.disk.format.RecordCodec;
import dev.atrium.tiers.disk.format.SlotKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One scan of a set, sorted out for a trim or a recovery: malformed records, tombstones and
 * expired records go to {@link #drop}; the live ones are kept newest first (by sequence) up to a
 * byte target, the older ones dropped (FIFO within the set, as in Kangaroo's KSet). The kept slots
 * rebuild the set's filter.
 *
 * <p>The survey sees only each record's head ({@link RecordCodec#HEAD} bytes: kind, sequence,
 * deadline) and its length, through {@link KvStore#scanHeads}: values are never copied out of
 * RocksDB and no CRC is computed. (Most of a trim's cost stays in RocksDB: the seek through every
 * memtable and table file and the blocks it loads.) A record whose head is malformed is dropped
 * and counted as corrupt; one whose damage lies elsewhere (a bad CRC) survives the survey, and is
 * found by the read that meets it: a miss, counted, and deleted. So a corrupt record is never
 * returned either way; it may only occupy its bytes until then, or be kept or evicted out of
 * order if its sequence is what was damaged.
 *
 * <p>Nothing is allocated per live record: slots, sequences and sizes go to primitive arrays that
 * grow by doubling, and the sort by sequence runs only when something must be evicted (a trim of
 * a set that is under its target, the usual case under overwrites, sorts nothing).
 */
final class SetSurvey {
  final List<byte[]> drop = new ArrayList<>();
  private final int set;
  private final DeadlineClock deadlines;
  private final LongAdder corrupt;
  private final int setBudget;
  private long[] sequences = new long[16];
  private int[] sizes = new int[16];
  int[] slots = new int[16];
  private int live;
  private long liveBytes;
  long maxSequence;
  int kept;
  int keptBytes;
  /** The smallest kept record, {@code Integer.MAX_VALUE} if none. */
  int minKept = Integer.MAX_VALUE;

  SetSurvey(int set, DeadlineClock deadlines, LongAdder corrupt, int setBudget) {
    this.set = set;
    this.deadlines = deadlines;
    this.corrupt = corrupt;
    this.setBudget = setBudget;
  }

  /** Sorts one record out by its head; always returns true (a {@link KvStore.HeadVisitor}). */
  boolean visit(byte[] slotKey, byte[] head, int length) {
    if (slotKey.length != SlotKey.LENGTH || !RecordCodec.isWellFormedHead(head, length)) {
      corrupt.increment();
      drop.add(slotKey.clone());
      return true;
    }
    int slot = SlotKey.slotOf(slotKey);
    if (RecordCodec.kind(head) == RecordCodec.KIND_TOMBSTONE
        || deadlines.expiredAt(RecordCodec.wallDeadline(head))) {
      drop.add(SlotKey.of(set, slot));
      return true;
    }
    if (live == slots.length) {
      int n = live * 2;
      sequences = Arrays.copyOf(sequences, n);
      sizes = Arrays.copyOf(sizes, n);
      slots = Arrays.copyOf(slots, n);
    }
    sequences[live] = RecordCodec.sequence(head);
    maxSequence = Math.max(maxSequence, sequences[live]);
    sizes[live] = length;
    slots[live] = slot;
    liveBytes += length;
    live++;
    return true;
  }

  /** Keeps the newest live records within {@code target} bytes; the rest go to drop. */
  void keepNewest(int target) {
    if (liveBytes <= target) {
      kept = live;
      keptBytes = (int) liveBytes;
      for (int i = 0; i < live; i++) {
        minKept = Math.min(minKept, sizes[i]);
      }
      return;
    }
    sortNewestFirst();
    int[] keptSlots = new int[live];
    int i = 0;
    for (; i < live && (long) keptBytes + sizes[i] <= target; i++) {
      keptBytes += sizes[i];
      keptSlots[kept++] = slots[i];
      minKept = Math.min(minKept, sizes[i]);
    }
    for (; i < live; i++) {
      drop.add(SlotKey.of(set, slots[i]));
    }
    slots = keptSlots;
  }

  int averageKept() {
    return kept == 0 ? setBudget : keptBytes / kept;
  }

  /**
   * Heapsorts the live records by sequence, newest first, moving slots and sizes along: no boxing,
   * no index array, O(n log n) however the sequences are (a damaged one only misplaces its record).
   */
  private void sortNewestFirst() {
    for (int i = live / 2 - 1; i >= 0; i--) {
      siftDown(i, live);
    }
    for (int end = live - 1; end > 0; end--) {
      swap(0, end);
      siftDown(0, end);
    }
  }

  /** A min-heap on sequence, so the heapsort leaves the largest sequences first. */
  private void siftDown(int i, int n) {
    while (true) {
      int child = 2 * i + 1;
      if (child >= n) {
        return;
      }
      if (child + 1 < n && sequences[child + 1] < sequences[child]) {
        child++;
      }
      if (sequences[i] <= sequences[child]) {
        return;
      }
      swap(i, child);
      i = child;
    }
  }

  private void swap(int a, int b) {
    long sequence = sequences[a];
    sequences[a] = sequences[b];
    sequences[b] = sequence;
    int size = sizes[a];
    sizes[a] = sizes[b];
    sizes[b] = size;
    int slot = slots[a];
    slots[a] = slots[b];
    slots[b] = slot;
  }
}
