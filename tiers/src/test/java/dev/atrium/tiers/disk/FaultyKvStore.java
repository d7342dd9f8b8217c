package dev.atrium.tiers.disk;

import java.nio.ByteBuffer;
import java.util.List;

/** A store that fails or corrupts on demand: a file system that fails on purpose. */
final class FaultyKvStore extends ForwardingKvStore {
  volatile boolean failReads;
  volatile boolean failWrites;
  volatile boolean flipRecordBits;

  FaultyKvStore(KvStore delegate) {
    super(delegate);
  }

  private void read() {
    if (failReads) {
      throw new StoreException("injected read error", null, false);
    }
  }

  private void write() {
    if (failWrites) {
      throw new StoreException("injected write error", null, false);
    }
  }

  private byte[] maybeFlip(byte[] record) {
    if (flipRecordBits && record != null && record.length > 0) {
      byte[] copy = record.clone();
      copy[copy.length / 2] ^= 0x10;
      return copy;
    }
    return record;
  }

  @Override
  public byte[] getRecord(byte[] slotKey) {
    read();
    return maybeFlip(delegate.getRecord(slotKey));
  }

  @Override
  public byte[] getLarge(byte[] largeKey) {
    read();
    return maybeFlip(delegate.getLarge(largeKey));
  }

  @Override
  public int putRecord(byte[] slotKey, byte[] record) {
    write();
    return delegate.putRecord(slotKey, record);
  }

  @Override
  public void putRecord(ByteBuffer slotKey, ByteBuffer record) {
    write();
    delegate.putRecord(slotKey, record);
  }

  @Override
  public void putRecords(byte[][] slotKeys, byte[][] records, int count) {
    write();
    delegate.putRecords(slotKeys, records, count);
  }

  @Override
  public void putLarge(byte[] largeKey, byte[] largeRecord, byte[] slotKey, byte[] stub) {
    write();
    delegate.putLarge(largeKey, largeRecord, slotKey, stub);
  }

  @Override
  public void deleteRecords(List<byte[]> slotKeys) {
    write();
    delegate.deleteRecords(slotKeys);
  }

  @Override
  public void deleteRecordRange(byte[] from, byte[] to) {
    write();
    delegate.deleteRecordRange(from, to);
  }

  @Override
  public void clear() {
    write();
    delegate.clear();
  }

  @Override
  public void scanHeads(byte[] from, byte[] to, byte[] head, boolean verify,
      HeadVisitor visitor) {
    read();
    delegate.scanHeads(from, to, head, verify, (k, h, length) -> {
      // flip the same byte maybeFlip() would, if the head holds it
      if (flipRecordBits && length / 2 < Math.min(length, h.length)) {
        h[length / 2] ^= 0x10;
      }
      return visitor.visit(k, h, length);
    });
  }

  @Override
  public RecordCursor openCursor() {
    read();
    RecordCursor cursor = delegate.openCursor();
    return new RecordCursor() {
      @Override
      public boolean next() {
        read();
        return cursor.next();
      }

      @Override
      public byte[] key() {
        return cursor.key();
      }

      @Override
      public byte[] record() {
        return maybeFlip(cursor.record());
      }

      @Override
      public void close() {
        cursor.close();
      }
    };
  }

  @Override
  public long lastLargeId() {
    read();
    return delegate.lastLargeId();
  }

  @Override
  public boolean recover() {
    return !failWrites && delegate.recover();
  }
}
