package dev.atrium.tiers.disk.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
  private static final byte[] KEY = "key-1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = "value-1".getBytes(StandardCharsets.UTF_8);

  @Test
  void putRoundTrips() {
    byte[] r = RecordCodec.put(42, 123_456L, KEY, VALUE);
    assertEquals(RecordCodec.putSize(KEY.length, VALUE.length), r.length);
    assertTrue(RecordCodec.isValidSetRecord(r));
    assertEquals(RecordCodec.KIND_PUT, RecordCodec.kind(r));
    assertEquals(42, RecordCodec.sequence(r));
    assertEquals(123_456L, RecordCodec.wallDeadline(r));
    assertTrue(RecordCodec.keyEquals(r, KEY));
    assertFalse(RecordCodec.keyEquals(r, "key-2".getBytes(StandardCharsets.UTF_8)));
    assertArrayEquals(KEY, RecordCodec.key(r));
    assertArrayEquals(VALUE, RecordCodec.value(r));
    assertEquals(0x20 | 0x08 | RecordCodec.KIND_PUT, r[4]);
  }

  @Test
  void aRecordThatNeverExpiresCarriesNoDeadline() {
    byte[] r = RecordCodec.put(42, Long.MAX_VALUE, KEY, VALUE);
    assertEquals(RecordCodec.putSize(KEY.length, VALUE.length) - RecordCodec.DEADLINE, r.length);
    assertTrue(RecordCodec.isValidSetRecord(r));
    assertEquals(0x20 | RecordCodec.KIND_PUT, r[4]);
    assertEquals(42, RecordCodec.sequence(r));
    assertEquals(Long.MAX_VALUE, RecordCodec.wallDeadline(r));
    assertArrayEquals(KEY, RecordCodec.key(r));
    assertArrayEquals(VALUE, RecordCodec.value(r));
    byte[] t = RecordCodec.tombstone(43, KEY);
    assertEquals(RecordCodec.HEADER + KEY.length, t.length);
    assertTrue(RecordCodec.keyEquals(t, KEY));
    byte[] s = RecordCodec.largeStub(44, 1_000L, KEY, 99, 1 << 20);
    assertEquals(1_000L, RecordCodec.wallDeadline(s));
    assertEquals(99, RecordCodec.stubLargeId(s));
    assertEquals(1 << 20, RecordCodec.stubValueLength(s));
  }

  @Test
  void recordsOfTheFirstVersionAreInvalid() {
    byte[] r = RecordCodec.put(1, Long.MAX_VALUE, KEY, VALUE);
    r[4] = (byte) (0x10 | RecordCodec.KIND_PUT);
    CRC32C crc = new CRC32C();
    crc.update(r, 4, r.length - 4);
    int c = (int) crc.getValue();
    r[0] = (byte) (c >>> 24);
    r[1] = (byte) (c >>> 16);
    r[2] = (byte) (c >>> 8);
    r[3] = (byte) c;
    assertFalse(RecordCodec.isValidSetRecord(r));
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
        RecordCodec.put(1, Long.MAX_VALUE, KEY, VALUE), RecordCodec.tombstone(3, KEY)}) {
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
    assertFalse(RecordCodec.isValidSetRecord(Arrays.copyOf(r, RecordCodec.HEADER + 2)));
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
  }
}
