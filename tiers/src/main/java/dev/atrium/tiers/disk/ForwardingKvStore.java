package dev.atrium.tiers.disk;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A {@link KvStore} that passes every call to another: the base of the stores that change a few
 * calls of the one below them (the write buffer, and fault injection in tests), so each spells out
 * only what it changes.
 */
abstract class ForwardingKvStore implements KvStore {
  protected final KvStore delegate;

  ForwardingKvStore(KvStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public byte[] getRecord(byte[] slotKey) {
    return delegate.getRecord(slotKey);
  }

  @Override
  public byte[] getLarge(byte[] largeKey) {
    return delegate.getLarge(largeKey);
  }

  @Override
  public int putRecord(byte[] slotKey, byte[] record) {
    return delegate.putRecord(slotKey, record);
  }

  @Override
  public void putRecord(ByteBuffer slotKey, ByteBuffer record) {
    delegate.putRecord(slotKey, record);
  }

  @Override
  public void putRecords(byte[][] slotKeys, byte[][] records, int count) {
    delegate.putRecords(slotKeys, records, count);
  }

  @Override
  public void putLarge(byte[] largeKey, byte[] largeRecord, byte[] slotKey, byte[] stub) {
    delegate.putLarge(largeKey, largeRecord, slotKey, stub);
  }

  @Override
  public void deleteRecords(List<byte[]> slotKeys) {
    delegate.deleteRecords(slotKeys);
  }

  @Override
  public void deleteRecordRange(byte[] from, byte[] to) {
    delegate.deleteRecordRange(from, to);
  }

  @Override
  public void clear() {
    delegate.clear();
  }

  @Override
  public void scanHeads(byte[] from, byte[] to, byte[] head, boolean verify,
      HeadVisitor visitor) {
    delegate.scanHeads(from, to, head, verify, visitor);
  }

  @Override
  public RecordCursor openCursor() {
    return delegate.openCursor();
  }

  @Override
  public long lastLargeId() {
    return delegate.lastLargeId();
  }

  @Override
  public long sizeOnDisk() {
    return delegate.sizeOnDisk();
  }

  @Override
  public long storageBytesWritten() {
    return delegate.storageBytesWritten();
  }

  @Override
  public boolean recover() {
    return delegate.recover();
  }

  @Override
  public String property(String name) {
    return delegate.property(name);
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
