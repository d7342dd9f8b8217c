package dev.atrium.tiers.disk.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Writes and reads the records of the disk tier: the only class that knows their bytes.
 *
 * <h2>Set record (format version 3), the value stored under a {@link SlotKey}</h2>
 * Fixed-width integers are big-endian; a varint is unsigned LEB128 (7 bits a byte, low group
 * first, high bit set on every byte but the last). The framing is what a block compressor cannot
 * squeeze (the CRC, the low bytes of the sequence), paid again at every flush and compaction, so
 * it is kept small: 7 bytes for a young tier up to 14 before the key, against 15 in version 2.
 * <table>
 *   <caption>set record</caption>
 *   <tr><th>offset</th><th>width</th><th>field</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>4</td><td>crc</td><td>CRC32C of bytes [4, end)</td></tr>
 *   <tr><td>4</td><td>1</td><td>tag</td><td>high nibble: format version (3); low nibble: bit 3
 *       set if a deadline follows, bits 0-2 the kind (1 = put, 2 = tombstone, 3 = large-value
 *       stub)</td></tr>
 *   <tr><td>5</td><td>s = 1..9</td><td>sequence</td><td>varint, tier-wide append sequence (at
 *       most 2^63 - 1): orders the records of a set, oldest first out. 3 bytes up to 2 million
 *       appends, 4 up to 268 million</td></tr>
 *   <tr><td>5+s</td><td>n = 1..3</td><td>key length k</td><td>varint, at most 65,535</td></tr>
 *   <tr><td>5+s+n</td><td>d = 0 or 8</td><td>deadline</td><td>wall-clock epoch nanoseconds,
 *       present iff the tag says so; absent = never expires (a tombstone has none). Most entries
 *       never expire (JCache's default expiry is eternal)</td></tr>
 *   <tr><td>5+s+n+d</td><td>k</td><td>key</td><td>the full key, compared on every read</td></tr>
 *   <tr><td>5+s+n+d+k</td><td>rest</td><td>payload</td><td>put: the value (its length is the
 *       rest of the record); tombstone: empty; stub: large id (8) then value length (4)</td></tr>
 * </table>
 * Version 2 (until 2026-11) wrote the sequence as 8 bytes and the key length as 2; version 1 also
 * always wrote the deadline. A tier finds a directory written by another version unusable and
 * starts it empty (the version is part of the directory's layout), and a reader refuses a record
 * whose tag carries another version.
 *
 * <h2>Large-value record (format version 3, unchanged since 1 but for the version nibble), the
 * value stored under a large id</h2>
 * <table>
 *   <caption>large-value record</caption>
 *   <tr><th>offset</th><th>width</th><th>field</th><th>meaning</th></tr>
 *   <tr><td>0</td><td>4</td><td>crc</td><td>CRC32C of bytes [4, end)</td></tr>
 *   <tr><td>4</td><td>1</td><td>tag</td><td>version (3) and kind 4 = large value</td></tr>
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
  public static final int FORMAT_VERSION = 3;

  public static final int KIND_PUT = 1;
  public static final int KIND_TOMBSTONE = 2;
  public static final int KIND_LARGE_STUB = 3;
  public static final int KIND_LARGE_VALUE = 4;

  /** Bytes of the smallest set record before its key: CRC, tag and two one-byte varints. */
  public static final int MIN_HEADER = 7;
  /** Bytes of the optional deadline field. */
  public static final int DEADLINE = 8;
  /** Bytes of a large-value record before its key. */
  public static final int LARGE_HEADER = 7;
  /** The longest key a record can hold. */
  public static final int MAX_KEY = 0xFFFF;

  private static final int SEQUENCE_AT = 5;
  private static final int MAX_SEQUENCE_BYTES = 9;
  private static final int MAX_LENGTH_BYTES = 3;
  /** Bytes of the longest set record header: all a survey needs to read ({@link #HEAD}). */
  private static final int MAX_HEADER = SEQUENCE_AT + MAX_SEQUENCE_BYTES + MAX_LENGTH_BYTES;
  /** Bytes of a set record that {@link #isWellFormedHead} and the header accessors read. */
  public static final int HEAD = MAX_HEADER + DEADLINE;

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

  /**
   * The most bytes the put record of a key and value can take (the longest sequence, a
   * deadline), without building it: what the tier compares against its record limits.
   */
  public static int maxPutSize(int keyLength, int valueLength) {
    return MAX_HEADER + DEADLINE + keyLength + valueLength;
  }

  public static byte[] put(long sequence, long wallDeadline, byte[] key, byte[] value) {
    byte[] r = new byte[keyOffset(sequence, wallDeadline, key) + key.length + value.length];
    put(ByteBuffer.wrap(r), sequence, wallDeadline, key, value);
    return r;
  }

  /**
   * Writes the put record of {@code key} and {@code value} into {@code dst} from its position
   * (which must have {@link #maxPutSize} bytes of room), the same bytes as {@link #put}; leaves
   * the position where it was and the limit at the record's end, so that the record is what
   * remains. Returns its length. For a direct buffer, the store can take the record without
   * another copy.
   */
  public static int put(ByteBuffer dst, long sequence, long wallDeadline, byte[] key,
      byte[] value) {
    int start = dst.position();
    int at = writeHeader(dst, start, KIND_PUT, sequence, wallDeadline, key);
    dst.put(at, value);
    int end = at + value.length;
    CRC32C crc = new CRC32C();
    dst.limit(end).position(start + 4);
    crc.update(dst);
    dst.putInt(start, (int) crc.getValue()).position(start);
    return end - start;
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
   * whole record, if shorter) have this version's tag, varints that end within the record and
   * lengths that add up, without checking the CRC: enough to read {@link #kind},
   * {@link #sequence} and {@link #wallDeadline} from {@code head}, which a survey of a set does. A
   * record whose CRC fails can still pass; readers check the CRC of what they return.
   */
  public static boolean isWellFormedHead(byte[] head, int length) {
    int limit = Math.min(length, head.length);
    if (length < MIN_HEADER || limit < Math.min(length, HEAD)
        || version(head) != FORMAT_VERSION) {
      return false;
    }
    int lengthAt = varintEnd(head, SEQUENCE_AT, limit, MAX_SEQUENCE_BYTES);
    int deadlineAt = lengthAt < 0 ? -1 : varintEnd(head, lengthAt, limit, MAX_LENGTH_BYTES);
    if (deadlineAt < 0) {
      return false;
    }
    long keyLength = varint(head, lengthAt);
    if (keyLength > MAX_KEY) {
      return false; // a length no writer produces: the bytes are damaged
    }
    boolean deadline = (head[4] & HAS_DEADLINE) != 0;
    long payload = length - (deadlineAt + (deadline ? DEADLINE : 0)) - keyLength;
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
    return varint(r, SEQUENCE_AT);
  }

  /** The wall-clock deadline, {@code Long.MAX_VALUE} if the record has none. */
  public static long wallDeadline(byte[] r) {
    return (r[4] & HAS_DEADLINE) == 0 ? NEVER : (long) LONG_BE.get(r, deadlineOffset(r));
  }

  public static int keyLength(byte[] r) {
    return (int) varint(r, skip(r, SEQUENCE_AT));
  }

  public static boolean keyEquals(byte[] r, byte[] key) {
    int lengthAt = skip(r, SEQUENCE_AT);
    int k = (int) varint(r, lengthAt);
    int at = keyOffset(r, lengthAt);
    return k == key.length && Arrays.equals(r, at, at + k, key, 0, k);
  }

  public static byte[] key(byte[] r) {
    int lengthAt = skip(r, SEQUENCE_AT);
    int at = keyOffset(r, lengthAt);
    return Arrays.copyOfRange(r, at, at + (int) varint(r, lengthAt));
  }

  public static byte[] value(byte[] r) {
    int lengthAt = skip(r, SEQUENCE_AT);
    return Arrays.copyOfRange(r, keyOffset(r, lengthAt) + (int) varint(r, lengthAt), r.length);
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

  /** Bytes of the varint encoding of {@code v} (non-negative). */
  static int varintSize(long v) {
    return Math.max(1, (63 - Long.numberOfLeadingZeros(v)) / 7 + 1);
  }

  private static int version(byte[] r) {
    return (r[4] >>> 4) & 0x0F;
  }

  private static byte tag(int kind) {
    return (byte) ((FORMAT_VERSION << 4) | kind);
  }

  /** Where the deadline of set record {@code r} starts (it has one iff its tag says so). */
  private static int deadlineOffset(byte[] r) {
    return skip(r, skip(r, SEQUENCE_AT));
  }

  /** Where the key starts, given where the key length starts: after the deadline, if any. */
  private static int keyOffset(byte[] r, int lengthAt) {
    int at = skip(r, lengthAt);
    return (r[4] & HAS_DEADLINE) == 0 ? at : at + DEADLINE;
  }

  /**
   * The end of the varint at {@code at} if it ends before {@code limit} within {@code maxBytes}
   * bytes, else -1 (a damaged record). A longer encoding of a value than needed is accepted
   * here; the CRC, which covers it, is what rules out damage.
   */
  private static int varintEnd(byte[] r, int at, int limit, int maxBytes) {
    int end = Math.min(limit, at + maxBytes);
    for (int i = at; i < end; i++) {
      if (r[i] >= 0) {
        return i + 1;
      }
    }
    return -1;
  }

  /** The end of the varint at {@code at} of a record already found well formed. */
  private static int skip(byte[] r, int at) {
    while (r[at] < 0) {
      at++;
    }
    return at + 1;
  }

  /** The varint at {@code at} of a record already found well formed. */
  private static long varint(byte[] r, int at) {
    long v = 0;
    int shift = 0;
    byte b;
    do {
      b = r[at++];
      v |= (long) (b & 0x7F) << shift;
      shift += 7;
    } while (b < 0);
    return v;
  }

  private static int putVarint(ByteBuffer b, int at, long v) {
    while ((v & ~0x7FL) != 0) {
      b.put(at++, (byte) (v | 0x80));
      v >>>= 7;
    }
    b.put(at++, (byte) v);
    return at;
  }

  /** A set record of the given kind with its header and key written, its payload and CRC not. */
  private static byte[] header(int kind, long sequence, long wallDeadline, byte[] key,
      int payload) {
    byte[] r = new byte[keyOffset(sequence, wallDeadline, key) + key.length + payload];
    writeHeader(ByteBuffer.wrap(r), 0, kind, sequence, wallDeadline, key);
    return r;
  }

  /** Where the key of a set record of this sequence, deadline and key starts. */
  private static int keyOffset(long sequence, long wallDeadline, byte[] key) {
    return SEQUENCE_AT + varintSize(sequence) + varintSize(key.length)
        + (wallDeadline != NEVER ? DEADLINE : 0);
  }

  /**
   * Writes tag, sequence, key length, deadline and key of a set record that starts at
   * {@code start} in {@code b} (absolute positions); returns where its payload starts.
   */
  private static int writeHeader(ByteBuffer b, int start, int kind, long sequence,
      long wallDeadline, byte[] key) {
    if (key.length > MAX_KEY) {
      throw new IllegalArgumentException("key longer than " + MAX_KEY + " bytes: " + key.length);
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("negative sequence " + sequence);
    }
    boolean expires = wallDeadline != NEVER;
    b.put(start + 4, (byte) (tag(kind) | (expires ? HAS_DEADLINE : 0)));
    int at = putVarint(b, putVarint(b, start + SEQUENCE_AT, sequence), key.length);
    if (expires) {
      b.putLong(at, wallDeadline);
      at += DEADLINE;
    }
    b.put(at, key);
    return at + key.length;
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
