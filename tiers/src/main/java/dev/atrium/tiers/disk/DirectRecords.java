package dev.atrium.tiers.disk;

import dev.atrium.tiers.disk.format.SlotKey;
import java.nio.ByteBuffer;

/**
 * A writer thread's direct buffers, in which the tier builds a slot key and a put record for
 * {@link KvStore#putRecord(ByteBuffer, ByteBuffer)}: the record is written once, in native
 * memory, and the engine reads it in place. Through arrays, each put allocated the record on the
 * heap and RocksDB's JNI layer copied it (and the key) into a native allocation of its own.
 *
 * <p>One pair of buffers per thread, shared by every tier of the JVM: a thread builds one record
 * at a time and the store reads it during the call only. The record buffer grows to the largest
 * record the thread has written, up to {@link #MAX_RECORD}; bigger records take the array path,
 * so an idle thread holds at most that much native memory.
 */
final class DirectRecords {
  /** The largest record built in a direct buffer. */
  static final int MAX_RECORD = 64 << 10;
  private static final ThreadLocal<DirectRecords> LOCAL =
      ThreadLocal.withInitial(DirectRecords::new);

  final ByteBuffer slotKey = ByteBuffer.allocateDirect(SlotKey.LENGTH);
  private ByteBuffer record = ByteBuffer.allocateDirect(2 << 10);

  private DirectRecords() {}

  static DirectRecords local() {
    return LOCAL.get();
  }

  /** The record buffer, cleared, with room for at least {@code bytes} (at most MAX_RECORD). */
  ByteBuffer record(int bytes) {
    if (record.capacity() < bytes) {
      record = ByteBuffer.allocateDirect(Math.min(MAX_RECORD, Math.max(bytes,
          record.capacity() * 2)));
    }
    return record.clear();
  }
}
