package dev.atrium.tiers.disk.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Writes and reads the records of the disk tier: the only class that knows their bytes.
 *
 * <h2>Set record (format version 1), the value stored under a {@link SlotKey}</h2>
 * All integers big-endian.
 * <table>
 *   <caption>set record</caption>
 *   <tr><th>offset</th><th>width</th><th>field</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>4</td><td>crc</td><td>CRC32C of bytes [4, end)</td></tr>
 *   <tr><td>4</td><td>1</td><td>tag</td><td>high nibble: format version (1); low nibble: kind
 *       (1 = put, 2 = tombstone, 3 = large-value stub)</td></tr>
 *   <tr><td>5</td><td>8</td><td>sequence</td><td>tier-wide append sequence: orders the records of
 *       a set, oldest first out</td></tr>
 *   <tr><td>13</td><td>8</td><td>deadline</td><td>wall-clock epoch nanoseconds;
 *       {@code Long.MAX_VALUE} = never; 0 in a tombstone</td></tr>
 *   <tr><td>21</td><td>2</td><td>key length k</td><td>unsigned, at most 65,535</td></tr>
 *   <tr><td>23</td><td>k</td><td>key</td><td>the full key, compared on every read</td></tr>
 *   <tr><td>23+k</td><td>rest</td><td>payload</td><td>put: the value (its length is the rest of
 *       the record); tombstone: empty; stub: large id (8) then value length (4)</td></tr>
 * </table>
 *
 * <h2>Large-value record (format version 1), the value stored under a large id</h2>
 * <table>
 *   <caption>large-value record</caption>
 *   <tr><th>offset</th><th>width</th><th>field</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>4</td><td>crc</td><td>CRC32C of bytes [4, end)</td></tr>
 *   <tr><td>4</td><td>1</td><td>tag</td><td>version (1) and kind 4 = large value</td></tr>
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
  public static final int FORMAT_VERSION = 1;

  public static final int KIND_PUT = 1;
  public static final int KIND_TOMBSTONE = 2;
  public static final int KIND_LARGE_STUB = 3;
  public static final int KIND_LARGE_VALUE = 4;

  /** Bytes of a set record before its key. */
  public static final int HEADER = 23;
  /** Bytes of a large-value record before its key. */
  public static final int LARGE_HEADER = 7;
  /** The longest key a record can hold. */
  public static final int MAX_KEY = 0xFFFF;

  private static final int STUB_PAYLOAD = 12;
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT_BE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

  private RecordCodec() {}

  /** The size of the put record of a key and value, without building it. */
  public static int putSize(int keyLength, int valueLength) {
    return HEADER + keyLength + valueLength;
  }

  public static byte[] put(long sequence, long wallDeadline, byte[] key, byte[] value) {
    byte[] r = header(KIND_PUT, sequence, wallDeadline, key, value.length);
    System.arraycopy(value, 0, r, HEADER + key.length, value.length);
    return seal(r);
  }

  public static byte[] tombstone(long sequence, byte[] key) {
    return seal(header(KIND_TOMBSTONE, sequence, 0L, key, 0));
  }

  public static byte[] largeStub(long sequence, long wallDeadline, byte[] key, long largeId,
      int valueLength) {
    byte[] r = header(KIND_LARGE_STUB, sequence, wallDeadline, key, STUB_PAYLOAD);
    LONG_BE.set(r, HEADER + key.length, largeId);
    INT_BE.set(r, HEADER + key.length + 8, valueLength);
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
    if (r == null || r.length < HEADER || version(r) != FORMAT_VERSION) {
      return false;
    }
    int kind = kind(r);
    int payload = r.length - HEADER - keyLength(r);
    boolean shape = switch (kind) {
      case KIND_PUT -> payload >= 0;
      case KIND_TOMBSTONE -> payload == 0;
      case KIND_LARGE_STUB -> payload == STUB_PAYLOAD;
      default -> false;
    };
    return shape && crcMatches(r);
  }

  /** Whether {@code r} is a well-formed large-value record whose checksum matches. */
  public static boolean isValidLargeRecord(byte[] r) {
    return r != null && r.length >= LARGE_HEADER && version(r) == FORMAT_VERSION
        && kind(r) == KIND_LARGE_VALUE
        && LARGE_HEADER + (Short.toUnsignedInt((short) SHORT_BE.get(r, 5))) <= r.length
        && crcMatches(r);
  }

  public static int kind(byte[] r) {
    return r[4] & 0x0F;
  }

  public static long sequence(byte[] r) {
    return (long) LONG_BE.get(r, 5);
  }

  public static long wallDeadline(byte[] r) {
    return (long) LONG_BE.get(r, 13);
  }

  public static int keyLength(byte[] r) {
    return Short.toUnsignedInt((short) SHORT_BE.get(r, 21));
  }

  public static boolean keyEquals(byte[] r, byte[] key) {
    int k = keyLength(r);
    return k == key.length && Arrays.equals(r, HEADER, HEADER + k, key, 0, k);
  }

  public static byte[] key(byte[] r) {
    return Arrays.copyOfRange(r, HEADER, HEADER + keyLength(r));
  }

  public static byte[] value(byte[] r) {
    return Arrays.copyOfRange(r, HEADER + keyLength(r), r.length);
  }

  public static long stubLargeId(byte[] r) {
    return (long) LONG_BE.get(r, HEADER + keyLength(r));
  }

  public static int stubValueLength(byte[] r) {
    return (int) INT_BE.get(r, HEADER + keyLength(r) + 8);
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

  private static byte[] header(int kind, long sequence, long wallDeadline, byte[] key,
      int payload) {
    if (key.length > MAX_KEY) {
      throw new IllegalArgumentException("key longer than " + MAX_KEY + " bytes: " + key.length);
    }
    byte[] r = new byte[HEADER + key.length + payload];
    r[4] = tag(kind);
    LONG_BE.set(r, 5, sequence);
    LONG_BE.set(r, 13, wallDeadline);
    SHORT_BE.set(r, 21, (short) key.length);
    System.arraycopy(key, 0, r, HEADER, key.length);
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
