package dev.atrium.tiers.disk;

import dev.atrium.tiers.disk.format.SlotKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link KvStore} that holds set-record puts in memory and writes them to its delegate in
 * batches: CacheLib's BlockCache fills a region buffer in memory the same way before it writes,
 * and Kangaroo's KLog stages objects before they move to their sets. One RocksDB write of many
 * records pays the JNI crossing, the write-group handshake and the batch set-up once instead of
 * once per record, and a record replaced while it waits (a hot key overwritten) is never written.
 *
 * <p><b>Only for a tier that is not persistent.</b> A buffered put is lost if the process dies,
 * and a persistent tier must then never serve the older value still on disk; so the tier wraps
 * its store only when its directory is wiped at every open anyway (see
 * {@code SetAssociativeDiskTier.open}). Nothing else here depends on durability.
 *
 * <p><b>Reads</b> see a buffered record before it is written: the newest record of each slot key
 * is in {@link #buffered} from the moment {@link #putRecord} returns until its batch is in the
 * delegate, and is removed (only if it is still the newest) after that. A reader looks in memory
 * first and then in the delegate, so it finds the record in one place or the other, never an
 * older one in between.
 *
 * <p><b>Order.</b> Batches are written one at a time, in the order they were filled
 * ({@link #writeLock} is taken before {@link #fillLock} is released). Every other write (large
 * values, deletes, clearing) and every scan first waits for the batch being written and writes
 * the one being filled ({@link #drain}), so it acts on the delegate as if every earlier put had
 * been written directly: a trim's survey sees every record of its set, and a delete is never
 * overtaken by an older put of the same key. A record whose slot key got a newer record before its
 * batch was written is skipped (the newer one follows in the same or a later batch).
 *
 * <p><b>Failures.</b> If the delegate fails to write a batch, the records stay readable in memory
 * (they are still the newest values) and the failure is thrown as an {@link UnwrittenRecords}
 * naming their slot keys, so the tier poisons their sets: an older record of those keys on disk
 * must never be read. The records leave memory when their sets are wiped or the store is cleared.
 *
 * <p><b>Memory</b> is bounded: at most two batches (one being written, one being filled), each
 * holding at most {@link #BATCH_RECORDS} records whose bytes and bookkeeping stay within the
 * batch's heap share (a record that would pass it closes the batch and starts the next one), plus
 * the records of failed batches until their sets are wiped, plus the {@link WrittenLengths} of
 * recent writes (half a batch's share), by which an overwrite of a key written recently is counted
 * exactly; {@link #heapBytes()} is the bound the tier reports. The tier sizes a batch in
 * proportion to its budget ({@code SetAssociativeDiskTier.WRITE_BUFFER_SHARE}), so the buffer
 * costs every tier about the same fraction of a bit of heap per disk-resident entry.
 */
final class BufferedKvStore extends ForwardingKvStore {
  /** A batch holds at most this many records (8 to 32 gain about the same: the memtable rules). */
  static final int BATCH_RECORDS = 32;
  /** Heap per buffered record besides its bytes: slot key array, map node, boxed key, slots. */
  static final int RECORD_OVERHEAD = 24 + 32 + 16 + 8 + 16;
  /** The smallest heap share of a batch (a small tier writes its larger records through). */
  static final int MIN_BATCH_HEAP = 512;

  private static final byte[] EMPTY = new byte[0];

  /** The newest buffered record per slot key (as an unsigned long: same order as the bytes). */
  private final ConcurrentHashMap<Long, byte[]> buffered = new ConcurrentHashMap<>();
  /** Guards the batch being filled. */
  private final ReentrantLock fillLock = new ReentrantLock();
  /** Held while a batch is written to the delegate, so batches land in order. */
  private final ReentrantLock writeLock = new ReentrantLock();
  private final int batchHeap;
  /** Lengths of recently buffered records, still known once written (exact overwrite counts). */
  private final WrittenLengths written;
  private Batch filling;

  /**
   * @param batchHeap heap a batch may take, records and bookkeeping (at least
   *     {@link #MIN_BATCH_HEAP})
   */
  BufferedKvStore(KvStore delegate, int batchHeap) {
    super(delegate);
    this.batchHeap = Math.max(MIN_BATCH_HEAP, batchHeap);
    this.written = new WrittenLengths(this.batchHeap / 2);
    this.filling = new Batch();
  }

  /**
   * The most heap the buffer holds, failed batches aside: two batches, each within its share,
   * and the table of written lengths (half a share).
   */
  long heapBytes() {
    long batchArrays = 16 + 2 * (16 + 4L * BATCH_RECORDS);
    return 2 * (batchHeap + batchArrays) + written.heapBytes();
  }

  @Override
  public byte[] getRecord(byte[] slotKey) {
    if (!buffered.isEmpty()) {
      byte[] record = buffered.get(slotKeyBits(slotKey));
      if (record != null) {
        return record;
      }
    }
    return delegate.getRecord(slotKey);
  }

  @Override
  public int putRecord(byte[] slotKey, byte[] record) {
    return buffer(slotKey, record);
  }

  @Override
  public void putRecord(ByteBuffer slotKey, ByteBuffer record) {
    byte[] key = new byte[slotKey.remaining()];
    slotKey.get(key);
    byte[] bytes = new byte[record.remaining()];
    record.get(bytes);
    buffer(key, bytes);
  }

  @Override
  public void putRecords(byte[][] slotKeys, byte[][] records, int count) {
    for (int i = 0; i < count; i++) {
      buffer(slotKeys[i], records[i]);
    }
  }

  @Override
  public void putLarge(byte[] largeKey, byte[] largeRecord, byte[] slotKey, byte[] stub) {
    drain();
    long bits = slotKeyBits(slotKey);
    written.forget(bits); // known again only once the write is done
    delegate.putLarge(largeKey, largeRecord, slotKey, stub);
    written.put(bits, stub.length);
  }

  @Override
  public void deleteRecords(List<byte[]> slotKeys) {
    drain();
    for (byte[] slotKey : slotKeys) {
      written.forget(slotKeyBits(slotKey));
    }
    delegate.deleteRecords(slotKeys);
  }

  @Override
  public void deleteRecordRange(byte[] from, byte[] to) {
    drain();
    written.clear(); // rare (a poisoned set is wiped): not worth finding the range's entries
    delegate.deleteRecordRange(from, to);
    long low = slotKeyBits(from);
    long high = slotKeyBits(to);
    // what is left in memory here is from failed batches (drain wrote the rest)
    buffered.keySet().removeIf(k -> Long.compareUnsigned(k, low) >= 0
        && Long.compareUnsigned(k, high) < 0);
  }

  @Override
  public void clear() {
    fillLock.lock();
    try {
      filling = new Batch();
      writeLock.lock();
    } finally {
      fillLock.unlock();
    }
    try {
      written.clear();
      buffered.clear();
      delegate.clear();
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public void scanHeads(byte[] from, byte[] to, byte[] head, boolean verify,
      HeadVisitor visitor) {
    drain();
    delegate.scanHeads(from, to, head, verify, visitor);
  }

  @Override
  public RecordCursor openCursor() {
    drain();
    return delegate.openCursor();
  }

  @Override
  public void flush() {
    drain();
    delegate.flush();
  }

  /** Records buffered now, written or not (tests). */
  int bufferedRecords() {
    return buffered.size();
  }

  // ---------------------------------------------------------------------------------------------

  /** Buffers a record; returns the length of the record it replaced, if known, or UNKNOWN. */
  private int buffer(byte[] slotKey, byte[] record) {
    if (Batch.heapOf(record) > batchHeap) {
      return writeThrough(slotKey, record);
    }
    Batch full;
    int replaced;
    fillLock.lock();
    try {
      if (!filling.fits(record)) {
        // the record goes to the next batch: no batch ever holds more than its share
        full = takeFilling();
        replaced = add(slotKey, record);
      } else {
        replaced = add(slotKey, record);
        if (!filling.isFull()) {
          return replaced;
        }
        full = takeFilling();
      }
    } finally {
      fillLock.unlock();
    }
    writeAndUnlock(full, null);
    return replaced;
  }

  /**
   * Adds a record to the batch being filled; returns the length of the newest record of its slot
   * key, which it replaces in memory and, once written, on disk: from memory if it is still
   * there, else from the written lengths, else UNKNOWN. Caller holds fillLock.
   */
  private int add(byte[] slotKey, byte[] record) {
    long bits = slotKeyBits(slotKey);
    byte[] previous = buffered.put(bits, record);
    filling.add(slotKey, record);
    int known = written.replace(bits, record.length);
    return previous != null ? previous.length : known;
  }

  /**
   * A record heavier than a batch's share is written alone, after everything buffered before it,
   * so the buffer never holds more than its share: the tier's largest set record (an eighth of a
   * set) would otherwise dominate the heap of a small tier's buffer.
   */
  private int writeThrough(byte[] slotKey, byte[] record) {
    long bits = slotKeyBits(slotKey);
    int[] replaced = {UNKNOWN};
    drainThen(() -> {
      replaced[0] = written.get(bits);
      written.forget(bits); // known again only once the write is done
      delegate.putRecord(slotKey, record);
      buffered.remove(bits); // an older record of a failed batch, if any
      written.put(bits, record.length);
    });
    return replaced[0];
  }

  /** Waits for the batch being written, then writes the one being filled. */
  private void drain() {
    drainThen(null);
  }

  /** {@link #drain()}, then {@code next} (if not null) while no other batch can be written. */
  private void drainThen(Runnable next) {
    Batch batch;
    fillLock.lock();
    try {
      batch = takeFilling();
    } finally {
      fillLock.unlock();
    }
    writeAndUnlock(batch, next);
  }

  /**
   * Takes the batch being filled (null if it is empty: it stays in place for others to fill) and
   * the write lock, before the caller releases fillLock: batches are written in fill order.
   */
  private Batch takeFilling() {
    Batch batch = null;
    if (filling.count > 0) {
      batch = filling;
      filling = new Batch();
    }
    writeLock.lock();
    return batch;
  }

  /** Writes {@code batch} (if not null), runs {@code next} (if not null), releases writeLock. */
  private void writeAndUnlock(Batch batch, Runnable next) {
    try {
      if (batch != null) {
        write(batch);
      }
      if (next != null) {
        next.run();
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Writes the records of {@code batch} still newest for their keys. Caller holds writeLock. */
  private void write(Batch batch) {
    byte[][] keys = new byte[batch.count][];
    byte[][] records = new byte[batch.count][];
    long[] bits = new long[batch.count];
    int count = 0;
    for (int i = 0; i < batch.count; i++) {
      long keyBits = slotKeyBits(batch.keys[i]);
      if (buffered.get(keyBits) == batch.records[i]) {
        keys[count] = batch.keys[i];
        records[count] = batch.records[i];
        bits[count] = keyBits; // for the removal below
        count++;
      }
    }
    try {
      delegate.putRecords(keys, records, count);
    } catch (StoreException e) {
      written.clear(); // what the failed records replaced on disk is not known any more
      List<byte[]> unwritten = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        unwritten.add(keys[i]);
      }
      throw new UnwrittenRecords(e, unwritten);
    }
    for (int i = 0; i < count; i++) {
      buffered.remove(bits[i], records[i]);
    }
  }

  private static long slotKeyBits(byte[] slotKey) {
    return ((long) SlotKey.setOf(slotKey) << 32) | (SlotKey.slotOf(slotKey) & 0xFFFF_FFFFL);
  }

  /** The records of one batch, in the order they were put. */
  private final class Batch {
    final byte[][] keys = new byte[BATCH_RECORDS][];
    final byte[][] records = new byte[BATCH_RECORDS][];
    int count;
    int heap;

    void add(byte[] slotKey, byte[] record) {
      keys[count] = slotKey;
      records[count] = record;
      count++;
      heap += heapOf(record);
    }

    static int heapOf(byte[] record) {
      return 16 + record.length + RECORD_OVERHEAD;
    }

    /** Whether {@code record} can join without passing the batch's share. */
    boolean fits(byte[] record) {
      return heap + heapOf(record) <= batchHeap;
    }

    /** Full: no more records, or not even the smallest record would fit. */
    boolean isFull() {
      return count == BATCH_RECORDS || !fits(EMPTY);
    }
  }
}
