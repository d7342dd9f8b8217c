package dev.atrium.tiers.disk.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
  private static final byte[] KEY = "key-1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = "value-1".getBytes(StandardCharsets.UTF_8);

  @Test
  void putRoundTrips() {
    byte[] r = RecordCodec.put(42, 123_456L, KEY, VALUE);
    assertEquals(4 + 1 + 1 + 1 + RecordCodec.DEADLINE + KEY.length + VALUE.length, r.length);
    assertTrue(r.length <= RecordCodec.maxPutSize(KEY.length, VALUE.length));
    assertTrue(RecordCodec.isValidSetRecord(r));
    assertEquals(RecordCodec.KIND_PUT, RecordCodec.kind(r));
    assertEquals(42, RecordCodec.sequence(r));
    assertEquals(123_456L, RecordCodec.wallDeadline(r));
    assertEquals(KEY.length, RecordCodec.keyLength(r));
    assertTrue(RecordCodec.keyEquals(r, KEY));
    assertFalse(RecordCodec.keyEquals(r, "key-2".getBytes(StandardCharsets.UTF_8)));
    assertArrayEquals(KEY, RecordCodec.key(r));
    assertArrayEquals(VALUE, RecordCodec.value(r));
    assertEquals(0x30 | 0x08 | RecordCodec.KIND_PUT, r[4]);
    assertEquals(42, r[5]);
    assertEquals(KEY.length, r[6]);
  }

  @Test
  void aRecordThatNeverExpiresCarriesNoDeadline() {
    byte[] r = RecordCodec.put(42, Long.MAX_VALUE, KEY, VALUE);
    assertEquals(RecordCodec.MIN_HEADER + KEY.length + VALUE.length, r.length);
    assertTrue(RecordCodec.isValidSetRecord(r));
    assertEquals(0x30 | RecordCodec.KIND_PUT, r[4]);
    assertEquals(42, RecordCodec.sequence(r));
    assertEquals(Long.MAX_VALUE, RecordCodec.wallDeadline(r));
    assertArrayEquals(KEY, RecordCodec.key(r));
    assertArrayEquals(VALUE, RecordCodec.value(r));
    byte[] t = RecordCodec.tombstone(43, KEY);
    assertEquals(RecordCodec.MIN_HEADER + KEY.length, t.length);
    assertTrue(RecordCodec.keyEquals(t, KEY));
    byte[] s = RecordCodec.largeStub(44, 1_000L, KEY, 99, 1 << 20);
    assertEquals(1_000L, RecordCodec.wallDeadline(s));
    assertEquals(99, RecordCodec.stubLargeId(s));
    assertEquals(1 << 20, RecordCodec.stubValueLength(s));
  }

  /** Sequences and key lengths at every varint width boundary, with and without a deadline. */
  @Test
  void varintsRoundTripAtEveryWidth() {
    long[] sequences = {0, 1, 127, 128, 16_383, 16_384, (1L << 21) - 1, 1L << 21, 1L << 28,
        (1L << 56) - 1, 1L << 56, Long.MAX_VALUE};
    int[] keyLengths = {0, 1, 127, 128, 16_383, 16_384, RecordCodec.MAX_KEY};
    for (long sequence : sequences) {
      for (int keyLength : keyLengths) {
        byte[] key = new byte[keyLength];
        Arrays.fill(key, (byte) 0x80); // high bits set, as a continuation byte would be
        for (long deadline : new long[] {Long.MAX_VALUE, -5L, 77L}) {
          byte[] r = RecordCodec.put(sequence, deadline, key, VALUE);
          String what = "sequence " + sequence + ", key " + keyLength + ", deadline " + deadline;
          assertTrue(RecordCodec.isValidSetRecord(r), what);
          assertTrue(r.length <= RecordCodec.maxPutSize(keyLength, VALUE.length), what);
          assertEquals(sequence, RecordCodec.sequence(r), what);
          assertEquals(keyLength, RecordCodec.keyLength(r), what);
          assertEquals(deadline, RecordCodec.wallDeadline(r), what);
          assertTrue(RecordCodec.keyEquals(r, key), what);
          assertArrayEquals(VALUE, RecordCodec.value(r), what);
          assertTrue(RecordCodec.isWellFormedHead(Arrays.copyOf(r, RecordCodec.HEAD), r.length),
              what);
        }
        byte[] t = RecordCodec.tombstone(sequence, key);
        assertTrue(RecordCodec.isValidSetRecord(t));
        assertEquals(sequence, RecordCodec.sequence(t));
      }
    }
    assertThrows(IllegalArgumentException.class, () -> RecordCodec.put(-1, 2, KEY, VALUE));
  }

  /** A put built in a buffer (direct or not, anywhere in it) has the bytes of the array one. */
  @Test
  void aPutWrittenIntoABufferIsTheSameRecord() {
    for (ByteBuffer buffer : new ByteBuffer[] {ByteBuffer.allocateDirect(4096),
        ByteBuffer.allocate(4096)}) {
      for (long deadline : new long[] {Long.MAX_VALUE, 99L}) {
        for (long sequence : new long[] {0, 300, Long.MAX_VALUE}) {
          byte[] key = new byte[200];
          Arrays.fill(key, (byte) 0xC3);
          byte[] expected = RecordCodec.put(sequence, deadline, key, VALUE);
          buffer.clear().position(17);
          int length = RecordCodec.put(buffer, sequence, deadline, key, VALUE);
          assertEquals(expected.length, length);
          assertEquals(17, buffer.position());
          assertEquals(17 + length, buffer.limit());
          byte[] written = new byte[length];
          buffer.get(written);
          assertArrayEquals(expected, written);
          assertTrue(RecordCodec.isValidSetRecord(written));
        }
      }
    }
  }

  /** Records of versions 1 and 2, built byte for byte as they were written, with good CRCs. */
  @Test
  void recordsOfEarlierVersionsAreInvalid() {
    // version 2: crc, tag, sequence (8), key length (2), key, value
    byte[] v2 = new byte[15 + KEY.length + VALUE.length];
    v2[4] = (byte) (0x20 | RecordCodec.KIND_PUT);
    v2[12] = 42;
    v2[14] = (byte) KEY.length;
    System.arraycopy(KEY, 0, v2, 15, KEY.length);
    System.arraycopy(VALUE, 0, v2, 15 + KEY.length, VALUE.length);
    assertFalse(RecordCodec.isValidSetRecord(reseal(v2)));
    assertFalse(RecordCodec.isWellFormedHead(v2, v2.length));
    // version 1: crc, tag, sequence (8), deadline (8), key length (2), key, value
    byte[] v1 = new byte[23 + KEY.length + VALUE.length];
    v1[4] = (byte) (0x10 | RecordCodec.KIND_PUT);
    v1[12] = 42;
    Arrays.fill(v1, 13, 21, (byte) 0x7F);
    v1[22] = (byte) KEY.length;
    System.arraycopy(KEY, 0, v1, 23, KEY.length);
    assertFalse(RecordCodec.isValidSetRecord(reseal(v1)));
    // a current record relabelled with an older version
    byte[] r = RecordCodec.put(1, Long.MAX_VALUE, KEY, VALUE);
    r[4] = (byte) (0x20 | RecordCodec.KIND_PUT);
    assertFalse(RecordCodec.isValidSetRecord(reseal(r)));
    byte[] large = RecordCodec.largeValue(KEY, VALUE);
    large[4] = (byte) (0x20 | RecordCodec.KIND_LARGE_VALUE);
    assertFalse(RecordCodec.isValidLargeRecord(reseal(large)));
  }

  /**
   * Damage to a field that the checksum alone would catch is also caught by the shape checks, so
   * that a survey, which reads heads without checking CRCs, never misreads it: each case below
   * carries a correct CRC.
   */
  @Test
  void malformedFieldsAreInvalidEvenWithAGoodChecksum() {
    byte[] put = RecordCodec.put(300, 5L, KEY, VALUE); // 2-byte sequence, a deadline
    // tag: unknown kinds, and a tombstone that claims a deadline
    for (int kind : new int[] {0, RecordCodec.KIND_LARGE_VALUE, 5, 6, 7}) {
      byte[] r = put.clone();
      r[4] = (byte) ((r[4] & 0xF8) | kind);
      assertFalse(RecordCodec.isValidSetRecord(reseal(r)), "kind " + kind);
    }
    byte[] t = RecordCodec.tombstone(9, KEY);
    t[4] |= 0x08;
    assertFalse(RecordCodec.isValidSetRecord(reseal(t)));
    // deadline flag cleared on a stub: its payload no longer has the stub's size
    byte[] noDeadline = RecordCodec.largeStub(300, 5L, KEY, 7, 100);
    noDeadline[4] &= (byte) ~0x08;
    assertFalse(RecordCodec.isValidSetRecord(reseal(noDeadline)));
    // sequence: a varint that runs on past its 9 bytes (and past the record)
    byte[] seq = RecordCodec.put(Long.MAX_VALUE, 5L, KEY, VALUE);
    seq[5 + 8] |= (byte) 0x80;
    assertFalse(RecordCodec.isValidSetRecord(reseal(seq)));
    byte[] tiny = RecordCodec.tombstone(1, new byte[0]);
    tiny[5] = (byte) 0x81;
    tiny[6] = (byte) 0x81;
    assertFalse(RecordCodec.isValidSetRecord(reseal(tiny)));
    // key length: longer than the record, past its 3 bytes, or above the limit
    byte[] longKey = put.clone();
    longKey[7] = 0x7F;
    assertFalse(RecordCodec.isValidSetRecord(reseal(longKey)));
    byte[] wide = RecordCodec.put(1, Long.MAX_VALUE, new byte[20_000], VALUE);
    wide[6 + 2] = (byte) 0x81; // the third length byte says "more follows"
    assertFalse(RecordCodec.isValidSetRecord(reseal(wide)));
    byte[] huge = RecordCodec.put(1, Long.MAX_VALUE, new byte[20_000], VALUE);
    huge[6 + 2] = 0x04; // top group 4 instead of 1: 69,152 > MAX_KEY
    assertFalse(RecordCodec.isValidSetRecord(reseal(huge)));
    // stub payload of the wrong size
    byte[] stub = RecordCodec.largeStub(1, Long.MAX_VALUE, KEY, 7, 100);
    assertFalse(RecordCodec.isValidSetRecord(reseal(Arrays.copyOf(stub, stub.length - 1))));
    // a head too short for the fields it claims
    assertFalse(RecordCodec.isWellFormedHead(Arrays.copyOf(put, 6), put.length));
  }

  private static byte[] reseal(byte[] r) {
    return Reseal.crc(r);
  }

  @Test
  void tombstoneAndStubRoundTrip() {
    byte[] t = RecordCodec.tombstone(7, KEY);
    assertTrue(RecordCodec.isValidSetRecord(t));
    assertEquals(RecordCodec.KIND_TOMBSTONE, RecordCodec.kind(t));
    byte[] s = RecordCodec.largeStub(8, Long.MAX_VALUE, KEY, 99, 1 << 20);
    assertTrue(RecordCodec.isValidSetRecord(s));
    assertEquals(99, RecordCodec.stubLargeId(s));
    assertEquals(1 << 20, RecordCodec.stubValueLength(s));
    byte[] large = RecordCodec.largeValue(KEY, VALUE);
    assertTrue(RecordCodec.isValidLargeRecord(large));
    assertTrue(RecordCodec.largeMatches(large, KEY, VALUE.length));
    assertFalse(RecordCodec.largeMatches(large, KEY, VALUE.length + 1));
    assertArrayEquals(VALUE, RecordCodec.largeValueOf(large));
    assertEquals(99, RecordCodec.largeId(RecordCodec.largeKey(99)));
  }

  @Test
  void everySingleBitFlipIsDetected() {
    for (byte[] r : new byte[][] {RecordCodec.put(1, 2, KEY, VALUE),
        RecordCodec.put(1, Long.MAX_VALUE, KEY, VALUE), RecordCodec.tombstone(3, KEY),
        RecordCodec.put(1L << 40, 2, new byte[200], VALUE),
        RecordCodec.largeStub(1_000_000, Long.MAX_VALUE, KEY, 5, 1 << 20)}) {
      for (int i = 0; i < r.length * 8; i++) {
        byte[] flipped = Arrays.copyOf(r, r.length);
        flipped[i / 8] ^= (byte) (1 << (i % 8));
        assertFalse(RecordCodec.isValidSetRecord(flipped), "bit " + i);
      }
    }
    byte[] large = RecordCodec.largeValue(KEY, VALUE);
    for (int i = 0; i < large.length * 8; i++) {
      byte[] flipped = Arrays.copyOf(large, large.length);
      flipped[i / 8] ^= (byte) (1 << (i % 8));
      assertFalse(RecordCodec.isValidLargeRecord(flipped), "bit " + i);
    }
  }

  @Test
  void truncatedAndForeignRecordsAreInvalid() {
    byte[] r = RecordCodec.put(1, 2, KEY, VALUE);
    assertFalse(RecordCodec.isValidSetRecord(null));
    assertFalse(RecordCodec.isValidSetRecord(new byte[3]));
    assertFalse(RecordCodec.isValidSetRecord(Arrays.copyOf(r, RecordCodec.MIN_HEADER + 2)));
    assertFalse(RecordCodec.isValidSetRecord(new byte[64]));
    assertFalse(RecordCodec.isValidLargeRecord(r));
  }

  @Test
  void refusesKeysLongerThanTheLengthField() {
    assertThrows(IllegalArgumentException.class,
        () -> RecordCodec.put(1, 2, new byte[RecordCodec.MAX_KEY + 1], VALUE));
  }

  @Test
  void slotKeysOrderBySetThenSlot() {
    long hash = 0xABCD_0000_1234_5678L;
    assertEquals(0xABC, SlotKey.set(hash, 12));
    assertEquals(0, SlotKey.set(hash, 0));
    assertEquals(0x12345678, SlotKey.slot(hash));
    byte[] k = SlotKey.of(5, -1);
    assertEquals(5, SlotKey.setOf(k));
    assertEquals(-1, SlotKey.slotOf(k));
    assertTrue(Arrays.compareUnsigned(SlotKey.first(5), k) <= 0);
    assertTrue(Arrays.compareUnsigned(k, SlotKey.end(5)) < 0);
    ByteBuffer direct = SlotKey.of(5, -1, ByteBuffer.allocateDirect(SlotKey.LENGTH));
    byte[] written = new byte[direct.remaining()];
    direct.get(written);
    assertArrayEquals(k, written);
  }
}
