package dev.atrium.tiers.disk;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * What the disk tier needs from its storage engine: two keyspaces (set records under
 * {@link dev.atrium.tiers.disk.format.SlotKey}s, large values under large ids), point reads, blind
 * writes, atomic batches and range scans. Implemented over RocksDB in
 * {@code dev.atrium.tiers.disk.rocksdb}, the only package that imports it. Every method throws
 * {@link StoreException} on failure; writes are in the write-ahead log on return when the store
 * is persistent.
 */
public interface KvStore extends AutoCloseable {

  /** The set record under {@code slotKey}, or null. */
  byte[] getRecord(byte[] slotKey);

  /** The large-value record under {@code largeKey}, or null (it may have been dropped by FIFO). */
  byte[] getLarge(byte[] largeKey);

  /**
   * Writes a set record. Returns the length of the record it replaced under the same slot key
   * when the store knows it without reading (a record still in a write buffer, or one it wrote
   * recently and remembers), else
   * {@link #UNKNOWN}: the tier counts a known replacement exactly instead of crediting it as a
   * possible overwrite.
   */
  int putRecord(byte[] slotKey, byte[] record);

  /** What {@link #putRecord(byte[], byte[])} returns when it does not know what it replaced. */
  int UNKNOWN = -1;

  /**
   * {@link #putRecord(byte[], byte[])} for a slot key and a record in direct buffers, each from
   * its position to its limit: the engine reads them in place, where arrays would be copied into
   * native memory first (a copy and an allocation per put, the hot path of the tier). The buffers
   * are read during the call only; their positions may move.
   */
  void putRecord(ByteBuffer slotKey, ByteBuffer record);

  /**
   * Writes {@code count} set records, {@code records[i]} under {@code slotKeys[i]}, in one atomic
   * batch and in order (a later record of a slot key replaces an earlier one).
   */
  void putRecords(byte[][] slotKeys, byte[][] records, int count);

  /** Writes a large value and its stub atomically. */
  void putLarge(byte[] largeKey, byte[] largeRecord, byte[] slotKey, byte[] stub);

  /** Deletes the given set records atomically. */
  void deleteRecords(List<byte[]> slotKeys);

  /** Deletes the set records in {@code [from, to)}. */
  void deleteRecordRange(byte[] from, byte[] to);

  /** Deletes everything. */
  void clear();

  /**
   * Calls {@code visitor} for each set record in {@code [from, to)} in key order, with only the
   * record's first {@code head.length} bytes (fewer if the record is shorter) copied into
   * {@code head} and its full length: a survey of a set needs the header, not the value, so the
   * value is never copied out of the engine. {@code head} and the slot key passed to the visitor
   * are reused from record to record.
   *
   * <p>With {@code verify} false the engine skips its own checksums of what it reads, work a trim
   * does not need (RocksDB's block checksums took a third of a trim's samples, though much of
   * that was first touching freshly compacted files, which the read then pays). A trim may skip
   * them: it only decides what to drop, and every record a read returns is verified by that read
   * (the engine's checksums and the record's CRC32C), so damage a trim does not see is still
   * never served. Recovery verifies: the filters it rebuilds must not cover keys read from a
   * damaged block.
   */
  void scanHeads(byte[] from, byte[] to, byte[] head, boolean verify, HeadVisitor visitor);

  /** A cursor over every set record, consistent as of its creation. */
  RecordCursor openCursor();

  /** The largest large id present, or -1. */
  long lastLargeId();

  /** Bytes of all the store's files. */
  long sizeOnDisk();

  /** Bytes the storage engine wrote to files: WAL, flushes and compactions. */
  long storageBytesWritten();

  /** Tries to leave a background error state (e.g. after a full disk); returns whether it did. */
  boolean recover();

  /** A diagnostic property of the set records' storage (for RocksDB: a property name), or null. */
  String property(String name);

  /** Flushes memtables to table files (tests and benchmarks). */
  void flush();

  @Override
  void close();

  /** Receives the heads of records in key order; returns false to stop. */
  @FunctionalInterface
  interface HeadVisitor {
    /**
     * One record of {@code recordLength} bytes under {@code slotKey}; its first
     * {@code min(recordLength, head.length)} bytes are in {@code head}. Both arrays are valid only
     * during the call (a slot key of the usual 8 bytes is a reused array, copy it to keep it).
     */
    boolean visit(byte[] slotKey, byte[] head, int recordLength);
  }

  /** A forward cursor over set records. */
  interface RecordCursor extends AutoCloseable {
    /** Moves to the next record; false at the end. */
    boolean next();

    byte[] key();

    byte[] record();

    @Override
    void close();
  }
}
