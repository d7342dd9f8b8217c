package dev.atrium.tiers.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.FakeTicker;
import dev.atrium.tiers.disk.format.RecordCodec;
import dev.atrium.tiers.disk.format.SlotKey;
import dev.atrium.tiers.disk.rocksdb.RocksKvStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A survey sees only the heads of a set's records (through a real RocksDB scan) and still sorts
 * them out as a full read would: tombstones, expired and malformed records dropped, the oldest
 * live ones evicted beyond the target, the newest kept.
 */
class SetSurveyTest {
  private static final int SET = 5;
  private static final long WALL = 1_000_000_000_000L;

  @TempDir
  Path dir;
  private final FakeTicker ticker = new FakeTicker();
  private final DeadlineClock deadlines = new DeadlineClock(ticker, () -> WALL);
  private final LongAdder corrupt = new LongAdder();
  private RocksKvStore store;

  @BeforeEach
  void open() {
    store = RocksKvStore.open(dir, false, Compression.NONE, true, 1 << 20, 1 << 20, 0);
    // neighbours on both sides, which a scan of SET must not see
    store.putRecord(SlotKey.of(SET - 1, -1), put(1, "before", 10, Long.MAX_VALUE));
    store.putRecord(SlotKey.of(SET + 1, 0), put(2, "after", 10, Long.MAX_VALUE));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static byte[] put(long sequence, String key, int valueBytes, long wallDeadline) {
    return RecordCodec.put(sequence, wallDeadline, key.getBytes(StandardCharsets.UTF_8),
        new byte[valueBytes]);
  }

  private SetSurvey survey(int target) {
    SetSurvey survey = new SetSurvey(SET, deadlines, corrupt, 1 << 16);
    store.scanHeads(SlotKey.first(SET), SlotKey.end(SET), new byte[RecordCodec.HEAD], true,
        survey::visit);
    survey.keepNewest(target);
    return survey;
  }

  private static Set<Integer> dropped(SetSurvey survey) {
    for (byte[] key : survey.drop) {
      assertEquals(SET, SlotKey.setOf(key));
    }
    return survey.drop.stream().map(SlotKey::slotOf).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<Integer> kept(SetSurvey survey) {
    return Arrays.stream(survey.slots, 0, survey.kept).boxed()
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void dropsTombstonesExpiredAndMalformedRecordsFromTheirHeads() {
    ticker.advance(1_000);
    long past = WALL + 500; // the clock reads WALL + 1,000 now
    long future = WALL + 1_000_000;
    store.putRecord(SlotKey.of(SET, 1), put(10, "live", 3_000, Long.MAX_VALUE));
    store.putRecord(SlotKey.of(SET, 2), RecordCodec.tombstone(11, "gone".getBytes()));
    store.putRecord(SlotKey.of(SET, 3), put(12, "expired", 100, past));
    store.putRecord(SlotKey.of(SET, 4), put(13, "expires later", 100, future));
    byte[] badTag = put(14, "bad tag", 100, Long.MAX_VALUE);
    badTag[4] = (byte) 0x71; // version 7
    store.putRecord(SlotKey.of(SET, 5), badTag);
    store.putRecord(SlotKey.of(SET, 6), new byte[7]); // shorter than a header
    byte[] badCrc = put(15, "bad crc", 100, Long.MAX_VALUE);
    badCrc[badCrc.length - 1] ^= 1; // damage past the head: only a read finds it
    store.putRecord(SlotKey.of(SET, 7), badCrc);

    SetSurvey survey = survey(Integer.MAX_VALUE);

    assertEquals(Set.of(2, 3, 5, 6), dropped(survey));
    assertEquals(Set.of(1, 4, 7), kept(survey));
    assertEquals(2, corrupt.sum());
    int liveBytes = put(10, "live", 3_000, Long.MAX_VALUE).length
        + put(13, "expires later", 100, future).length + badCrc.length;
    assertEquals(liveBytes, survey.keptBytes, "full lengths, though only heads were copied");
    assertEquals(badCrc.length, survey.minKept);
    assertEquals(15, survey.maxSequence);
  }

  @Test
  void evictsTheOldestBeyondTheTargetWhateverTheKeyOrder() {
    int record = put(0, "k00", 100, Long.MAX_VALUE).length;
    // sequences in an order unrelated to the slots: slot i has sequence (i * 7) % 20
    for (int i = 0; i < 20; i++) {
      store.putRecord(SlotKey.of(SET, i * 1_000_003), put((i * 7) % 20,
          String.format("k%02d", i), 100, Long.MAX_VALUE));
    }
    SetSurvey survey = survey(record * 8 + record / 2);

    Set<Integer> newest = new TreeSet<>();
    Set<Integer> oldest = new TreeSet<>();
    for (int i = 0; i < 20; i++) {
      ((i * 7) % 20 >= 12 ? newest : oldest).add(i * 1_000_003);
    }
    assertEquals(newest, kept(survey));
    assertEquals(oldest, dropped(survey));
    assertEquals(record * 8, survey.keptBytes);
    assertEquals(0, corrupt.sum());
  }

  @Test
  void keepsEverythingUnderTheTargetAndEmptySetsAreEmpty() {
    SetSurvey empty = survey(0);
    assertEquals(0, empty.kept);
    assertTrue(empty.drop.isEmpty());
    assertEquals(Integer.MAX_VALUE, empty.minKept);

    for (int i = 0; i < 100; i++) {
      store.putRecord(SlotKey.of(SET, i), put(i, "k" + i, i, Long.MAX_VALUE));
    }
    SetSurvey survey = survey(1 << 20);
    assertEquals(100, survey.kept);
    assertTrue(survey.drop.isEmpty());
    assertEquals(put(0, "k0", 0, Long.MAX_VALUE).length, survey.minKept);
  }
}
