package dev.atrium.tiers.disk.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Writes and reads the records of the disk tier: the only class that knows their bytes.
 *
 * <h2>Set record (format version 2), the value stored under a {@link SlotKey}</h2>
 * All integers big-endian. The deadline is written only for an entry that expires: most entries
 * never do (JCache's default expiry is eternal), and 8 bytes are 6% of a record with a 100-byte
 * value, paid again at every flush and compaction.
 * <table>
 *   <caption>set record</caption>
 *   <tr><th>offset</th><th>width</th><th>field</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>4</td><td>crc</td><td>CRC32C of bytes [4, end)</td></tr>
 *   <tr><td>4</td><td>1</td><td>tag</td><td>high nibble: format version (2); low nibble: bit 3
 *       set if a deadline follows, bits 0-2 the kind (1 = put, 2 = tombstone, 3 = large-value
 *       stub)</td></tr>
 *   <tr><td>5</td><td>8</td><td>sequence</td><td>tier-wide append sequence: orders the records of
 *       a set, oldest first out</td></tr>
 *   <tr><td>13</td><td>2</td><td>key length k</td><td>unsigned, at most 65,535</td></tr>
 *   <tr><td>15</td><td>d = 0 or 8</td><td>deadline</td><td>wall-clock epoch nanoseconds, present
 *       iff the tag says so; absent = never expires (a tombstone has none)</td></tr>
 *   <tr><td>15+d</td><td>k</td><td>key</td><td>the full key, compared on every read</td></tr>
 *   <tr><td>15+d+k</td><td>rest</td><td>payload</td><td>put: the value (its length is the rest
 *       of the record); tombstone: empty; stub: large id (8) then value length (4)</td></tr>
 * </table>
 * Version 1 (until 2026-11) always wrote the deadline, at offset 13 before the key length; a tier
 * finds a directory of another version unusable and starts it empty.
 *
 * <h2>Large-value record (format version 2, unchanged since 1), the value stored under a large
 * id</h2>
 * <table>
 *   <caption>large-value record</caption>
 *   <tr><th>offset</th><th>width</th><th>field</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>4</td><td>crc</td><td>CRC32C of bytes [4, end)</td></tr>
 *   <tr><td>4</td><td>1</td><td>tag</td><td>version (2) and kind 4 = large value</td></tr>
 *   <tr><td>5</td><td>2</td><td>key length k</td><td>unsigned</td></tr>
 *   <tr><td>7</td><td>k</td><td>key</td><td>checked against the stub's key on read</td></tr>
 *   <tr><td>7+k</td><td>rest</td><td>value</td><td></td></tr>
 * </table>
 * A large id is 8 bytes big-endian, increasing, so that RocksDB's FIFO compaction drops the
 * oldest values first. A record whose CRC, tag or lengths do not check out is never decoded
 * further: it is a miss.
 */
public final class RecordCodec {
  /** The version written in every tag; a reader refuses any other. */
  public static final int FORMAT_VERSION = 2;

  public static final int KIND_PUT = 1;
  public static final int KIND_TOMBSTONE = 2;
  public static final int KIND_LARGE_STUB = 3;
  public static final int KIND_LARGE_VALUE = 4;

  /** Bytes of a set record before its key, without a deadline. */
  public static final int HEADER = 15;
  /** Bytes of the optional deadline field. */
  public static final int DEADLINE = 8;
  /** Bytes of a large-value record before its key. */
  public static final int LARGE_HEADER = 7;
  /** Bytes of a set record that {@link #isWellFormedHead} and the header accessors read. */
  public static final int HEAD = HEADER + DEADLINE;
  /** The longest key a record can hold. */
  public static final int MAX_KEY = 0xFFFF;

  private static final int STUB_PAYLOAD = 12;
  private static final int HAS_DEADLINE = 0x08;
  private static final int KIND_MASK = 0x07;
  /** The deadline of an entry that never expires, as {@link #wallDeadline} returns it. */
  private static final long NEVER = Long.MAX_VALUE;
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT_BE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

  private RecordCodec() {}

  /** The size of the put record of a key and value with a deadline (at most 8 bytes more than
   * without), without building it. */
  public static int putSize(int keyLength, int valueLength) {
    return HEADER + DEADLINE + keyLength + valueLength;
  }

  public static byte[] put(long sequence, long wallDeadline, byte[] key, byte[] value) {
    byte[] r = header(KIND_PUT, sequence, wallDeadline, key, value.length);
    System.arraycopy(value, 0, r, r.length - value.length, value.length);
    return seal(r);
  }

  public static byte[] tombstone(long sequence, byte[] key) {
    return seal(header(KIND_TOMBSTONE, sequence, NEVER, key, 0));
  }

  public static byte[] largeStub(long sequence, long wallDeadline, byte[] key, long largeId,
      int valueLength) {
    byte[] r = header(KIND_LARGE_STUB, sequence, wallDeadline, key, STUB_PAYLOAD);
    LONG_BE.set(r, r.length - STUB_PAYLOAD, largeId);
    INT_BE.set(r, r.length - STUB_PAYLOAD + 8, valueLength);
    return seal(r);
  }

  public static byte[] largeValue(byte[] key, byte[] value) {
    byte[] r = new byte[LARGE_HEADER + key.length + value.length];
    r[4] = tag(KIND_LARGE_VALUE);
    SHORT_BE.set(r, 5, (short) key.length);
    System.arraycopy(key, 0, r, LARGE_HEADER, key.length);
    System.arraycopy(value, 0, r, LARGE_HEADER + key.length, value.length);
    return seal(r);
  }

  /** The 8-byte key of a large value. */
  public static byte[] largeKey(long largeId) {
    byte[] k = new byte[8];
    LONG_BE.set(k, 0, largeId);
    return k;
  }

  public static long largeId(byte[] largeKey) {
    return (long) LONG_BE.get(largeKey, 0);
  }

  /**
   * Whether {@code r} is a well-formed set record of this version whose checksum matches. Every
   * other accessor assumes it returned true.
   */
  public static boolean isValidSetRecord(byte[] r) {
    return r != null && isWellFormedHead(r, r.length) && crcMatches(r);
  }

  /**
   * Whether the first {@link #HEAD} bytes of a set record of {@code length} bytes in all (or the
   * whole record, if shorter) have this version's tag and lengths that add up, without checking
   * the CRC: enough to read {@link #kind}, {@link #sequence} and {@link #wallDeadline} from
   * {@code head}, which a survey of a set does. A record whose CRC fails can still pass; readers
   * check the CRC of what they return.
   */
  public static boolean isWellFormedHead(byte[] head, int length) {
    if (length < HEADER || head.length < Math.min(length, HEAD)
        || version(head) != FORMAT_VERSION) {
      return false;
    }
    boolean deadline = (head[4] & HAS_DEADLINE) != 0;
    int payload = length - keyOffset(head) - keyLength(head);
    return switch (kind(head)) {
      case KIND_PUT -> payload >= 0;
      case KIND_TOMBSTONE -> payload == 0 && !deadline;
      case KIND_LARGE_STUB -> payload == STUB_PAYLOAD;
      default -> false;
    };
  }

  /** Whether {@code r} is a well-formed large-value record whose checksum matches. */
  public static boolean isValidLargeRecord(byte[] r) {
    return r != null && r.length >= LARGE_HEADER && version(r) == FORMAT_VERSION
        && kind(r) == KIND_LARGE_VALUE
        && LARGE_HEADER + (Short.toUnsignedInt((short) SHORT_BE.get(r, 5))) <= r.length
        && crcMatches(r);
  }

  public static int kind(byte[] r) {
    return r[4] & KIND_MASK;
  }

  public static long sequence(byte[] r) {
    return (long) LONG_BE.get(r, 5);
  }

  /** The wall-clock deadline, {@code Long.MAX_VALUE} if the record has none. */
  public static long wallDeadline(byte[] r) {
    return (r[4] & HAS_DEADLINE) == 0 ? NEVER : (long) LONG_BE.get(r, HEADER);
  }

  public static int keyLength(byte[] r) {
    return Short.toUnsignedInt((short) SHORT_BE.get(r, 13));
  }

  public static boolean keyEquals(byte[] r, byte[] key) {
    int k = keyLength(r);
    int at = keyOffset(r);
    return k == key.length && Arrays.equals(r, at, at + k, key, 0, k);
  }

  public static byte[] key(byte[] r) {
    int at = keyOffset(r);
    return Arrays.copyOfRange(r, at, at + keyLength(r));
  }

  public static byte[] value(byte[] r) {
    return Arrays.copyOfRange(r, keyOffset(r) + keyLength(r), r.length);
  }

  public static long stubLargeId(byte[] r) {
    return (long) LONG_BE.get(r, r.length - STUB_PAYLOAD);
  }

  public static int stubValueLength(byte[] r) {
    return (int) INT_BE.get(r, r.length - STUB_PAYLOAD + 8);
  }

  /** Whether the large record {@code r} holds {@code key} and a value of {@code length} bytes. */
  public static boolean largeMatches(byte[] r, byte[] key, int length) {
    int k = Short.toUnsignedInt((short) SHORT_BE.get(r, 5));
    return k == key.length && r.length - LARGE_HEADER - k == length
        && Arrays.equals(r, LARGE_HEADER, LARGE_HEADER + k, key, 0, k);
  }

  public static byte[] largeValueOf(byte[] r) {
    int k = Short.toUnsignedInt((short) SHORT_BE.get(r, 5));
    return Arrays.copyOfRange(r, LARGE_HEADER + k, r.length);
  }

  private static int version(byte[] r) {
    return (r[4] >>> 4) & 0x0F;
  }

  private static byte tag(int kind) {
    return (byte) ((FORMAT_VERSION << 4) | kind);
  }

  /** Where the key of set record {@code r} starts: after the deadline, if it has one. */
  private static int keyOffset(byte[] r) {
    return (r[4] & HAS_DEADLINE) == 0 ? HEADER : HEADER + DEADLINE;
  }

  private static byte[] header(int kind, long sequence, long wallDeadline, byte[] key,
      int payload) {
    if (key.length > MAX_KEY) {
      throw new IllegalArgumentException("key longer than " + MAX_KEY + " bytes: " + key.length);
    }
    boolean expires = wallDeadline != NEVER;
    int at = expires ? HEADER + DEADLINE : HEADER;
    byte[] r = new byte[at + key.length + payload];
    r[4] = (byte) (tag(kind) | (expires ? HAS_DEADLINE : 0));
    LONG_BE.set(r, 5, sequence);
    SHORT_BE.set(r, 13, (short) key.length);
    if (expires) {
      LONG_BE.set(r, HEADER, wallDeadline);
    }
    System.arraycopy(key, 0, r, at, key.length);
    return r;
  }

  private static byte[] seal(byte[] r) {
    INT_BE.set(r, 0, crc(r));
    return r;
  }

  private static boolean crcMatches(byte[] r) {
    return (int) INT_BE.get(r, 0) == crc(r);
  }

  private static int crc(byte[] r) {
    CRC32C crc = new CRC32C();
    crc.update(r, 4, r.length - 4);
    return (int) crc.getValue();
  }
}
