package dev.atrium.tiers.disk;

import dev.atrium.tiers.disk.format.RecordCodec;
import dev.atrium.tiers.disk.format.SlotKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One scan of a set, sorted out for a trim or a recovery: corrupt records, tombstones and expired
 * records go to {@link #drop}; the live ones are kept newest first (by sequence) up to a byte
 * target, the older ones dropped (FIFO within the set, as in Kangaroo's KSet). The kept slots
 * rebuild the set's filter.
 */
/** The records of one set, sorted out into those to keep and those to drop. */
final class SetSurvey {
  final List<byte[]> drop = new ArrayList<>();
  private final DeadlineClock deadlines;
  private final LongAdder corrupt;
  private final int setBudget;
  private byte[][] keys = new byte[16][];
  private long[] sequences = new long[16];
  private int[] sizes = new int[16];
  int[] slots = new int[16];
  private int live;
  long maxSequence;
  int kept;
  int keptBytes;

  SetSurvey(DeadlineClock deadlines, LongAdder corrupt, int setBudget) {
    this.deadlines = deadlines;
    this.corrupt = corrupt;
    this.setBudget = setBudget;
  }

  /** Sorts one record out; always returns true (a {@link KvStore.RecordVisitor}). */
  boolean visit(byte[] key, byte[] record) {
    if (!RecordCodec.isValidSetRecord(record)) {
      corrupt.increment();
      drop.add(key);
    } else if (RecordCodec.kind(record) == RecordCodec.KIND_TOMBSTONE
        || deadlines.expiredAt(RecordCodec.wallDeadline(record))) {
      drop.add(key);
    } else {
      if (live == keys.length) {
        int n = live * 2;
        keys = Arrays.copyOf(keys, n);
        sequences = Arrays.copyOf(sequences, n);
        sizes = Arrays.copyOf(sizes, n);
        slots = Arrays.copyOf(slots, n);
      }
      keys[live] = key;
      sequences[live] = RecordCodec.sequence(record);
      maxSequence = Math.max(maxSequence, sequences[live]);
      sizes[live] = record.length;
      slots[live] = SlotKey.slotOf(key);
      live++;
    }
    return true;
  }

  /** Keeps the newest live records within {@code target} bytes; the rest go to drop. */
  void keepNewest(int target) {
    Integer[] order = new Integer[live];
    for (int i = 0; i < live; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(sequences[b], sequences[a]));
    int[] keptSlots = new int[Math.max(1, live)];
    boolean full = false;
    for (Integer i : order) {
      if (!full && (long) keptBytes + sizes[i] <= target) {
        keptBytes += sizes[i];
        keptSlots[kept++] = slots[i];
      } else {
        full = true;
        drop.add(keys[i]);
      }
    }
    slots = keptSlots;
  }

  int averageKept() {
    return kept == 0 ? setBudget : keptBytes / kept;
  }
}
