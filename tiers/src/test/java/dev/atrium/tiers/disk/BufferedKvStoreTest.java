package dev.atrium.tiers.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.atrium.tiers.disk.format.SlotKey;
import dev.atrium.tiers.disk.rocksdb.RocksKvStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write buffer: reads see it, batches land in order, failures name what was not written. */
class BufferedKvStoreTest {
  @TempDir
  Path dir;

  private static final int BATCH_HEAP = 16 << 10;

  private RocksKvStore engine;
  private FaultyKvStore faulty;
  private BufferedKvStore store;

  @BeforeEach
  void open() {
    engine = RocksKvStore.open(dir, false, Compression.NONE, true, 1 << 20, 1 << 20, 0);
    faulty = new FaultyKvStore(engine);
    store = new BufferedKvStore(faulty, BATCH_HEAP);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static byte[] record(int version, int size) {
    byte[] r = new byte[size];
    ByteBuffer.wrap(r).putInt(version);
    return r;
  }

  private static int version(byte[] record) {
    return ByteBuffer.wrap(record).getInt();
  }

  @Test
  void aPutReturnsTheLengthOfTheRecordItReplacesWhileThatIsKnownAndNothingAfterADelete() {
    byte[] key = SlotKey.of(3, 7);
    assertEquals(KvStore.UNKNOWN, store.putRecord(key, record(1, 10)), "nothing written before");
    assertEquals(10, store.putRecord(key, record(2, 25)), "replaces the buffered record");
    assertEquals(25, store.putRecord(key, record(3, 12)));
    store.flush();
    assertEquals(12, store.putRecord(key, record(4, 30)), "written, and its length remembered");
    store.deleteRecords(List.of(key));
    assertEquals(KvStore.UNKNOWN, store.putRecord(key, record(5, 10)), "deleted: forgotten");
    store.putLarge(new byte[] {1}, record(6, 40), key, record(6, 14));
    assertEquals(14, store.putRecord(key, record(7, 10)), "the large value's stub replaced it");
    store.deleteRecordRange(SlotKey.first(3), SlotKey.end(3));
    assertEquals(KvStore.UNKNOWN, store.putRecord(key, record(8, 10)), "a range delete forgets");
    assertEquals(KvStore.UNKNOWN, engine.putRecord(key, record(9, 10)), "a blind write");
  }

  @Test
  void writtenLengthsForgetAKeyOnlyForItselfAndNeverMisremember() {
    WrittenLengths lengths = new WrittenLengths(16 * Long.BYTES);
    SplittableRandom random = new SplittableRandom(3);
    java.util.Map<Long, Integer> last = new java.util.HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      long key = random.nextLong(64); // 64 keys on 16 entries: they evict each other
      if (random.nextInt(5) == 0) {
        lengths.forget(key);
        last.remove(key);
      } else {
        int length = 1 + random.nextInt(1 << 20);
        lengths.put(key, length);
        last.put(key, length);
      }
      long probe = random.nextLong(64);
      int known = lengths.get(probe);
      if (known != KvStore.UNKNOWN) {
        assertEquals(last.get(probe), known, "key " + probe);
      }
    }
    lengths.put(5, 1 << 24); // too long to record: forgotten, not truncated
    assertEquals(KvStore.UNKNOWN, lengths.get(5));
  }

  @Test
  void aBufferedRecordIsReadBeforeItIsWrittenAndFromTheEngineAfter() {
    byte[] key = SlotKey.of(3, 7);
    store.putRecord(key, record(1, 10));
    assertEquals(1, version(store.getRecord(key)));
    assertNull(engine.getRecord(key), "not written yet: the batch is not full");
    for (int i = 0; i < BufferedKvStore.BATCH_RECORDS; i++) {
      store.putRecord(SlotKey.of(4, i), record(i, 10));
    }
    assertEquals(1, version(engine.getRecord(key)), "the full batch was written");
    assertEquals(1, version(store.getRecord(key)));
    assertTrue(store.bufferedRecords() < BufferedKvStore.BATCH_RECORDS);
  }

  @Test
  void aRecordHeavierThanABatchIsWrittenAloneAfterWhatWasBufferedBeforeIt() {
    BufferedKvStore small = new BufferedKvStore(faulty, 10);
    byte[] key = SlotKey.of(8, 1);
    small.putRecord(key, record(1, 100));
    assertNull(engine.getRecord(key), "buffered");
    small.putRecord(SlotKey.of(8, 2), record(2, BufferedKvStore.MIN_BATCH_HEAP));
    assertEquals(1, version(engine.getRecord(key)), "written first");
    assertEquals(2, version(engine.getRecord(SlotKey.of(8, 2))));
    assertEquals(0, small.bufferedRecords());
    assertTrue(small.heapBytes() < 6 * BufferedKvStore.MIN_BATCH_HEAP, "" + small.heapBytes());
  }

  @Test
  void aRecordThatWouldPassTheBatchShareStartsTheNextBatch() {
    int size = 1000;
    // two records fit in the share, a third would pass it
    int share = 2 * (16 + size + BufferedKvStore.RECORD_OVERHEAD) + 100;
    BufferedKvStore small = new BufferedKvStore(faulty, share);
    for (int i = 0; i < 3; i++) {
      small.putRecord(SlotKey.of(9, i), record(i, size));
    }
    assertEquals(0, version(engine.getRecord(SlotKey.of(9, 0))), "the full batch was written");
    assertEquals(1, version(engine.getRecord(SlotKey.of(9, 1))));
    assertNull(engine.getRecord(SlotKey.of(9, 2)), "buffered in the next batch");
    assertEquals(1, small.bufferedRecords());
    assertEquals(2, version(small.getRecord(SlotKey.of(9, 2))));
  }

  @Test
  void directBuffersAreCopied() {
    ByteBuffer key = ByteBuffer.allocateDirect(8);
    ByteBuffer rec = ByteBuffer.allocateDirect(16);
    SlotKey.of(2, 9, key);
    rec.putInt(5).position(16).flip();
    store.putRecord(key, rec);
    SlotKey.of(2, 10, key); // the caller reuses its buffers
    rec.clear().putInt(6).position(16).flip();
    assertEquals(5, version(store.getRecord(SlotKey.of(2, 9))));
  }

  @Test
  void theNewestRecordOfAKeyWinsAndOnlyItIsWritten() {
    byte[] key = SlotKey.of(0, 1);
    store.putRecord(key, record(1, 10));
    store.putRecord(key, record(2, 10));
    assertEquals(2, version(store.getRecord(key)));
    faulty.failWrites = true; // the failure names what the batch tried to write
    UnwrittenRecords failure = assertThrows(UnwrittenRecords.class, store::flush);
    assertEquals(1, failure.slotKeys().size(), "the replaced record is skipped");
    faulty.failWrites = false;
    store.putRecord(key, record(3, 10));
    store.flush();
    assertEquals(3, version(engine.getRecord(key)));
    assertEquals(0, store.bufferedRecords());
  }

  @Test
  void deletesAndScansActAfterEveryEarlierPut() {
    byte[] a = SlotKey.of(5, 1);
    byte[] b = SlotKey.of(5, 2);
    store.putRecord(a, record(1, 10));
    store.putRecord(b, record(1, 10));
    store.deleteRecords(List.of(a));
    assertNull(store.getRecord(a));
    assertNull(engine.getRecord(a), "the buffered put did not land after the delete");
    List<Integer> slots = new ArrayList<>();
    store.scanHeads(SlotKey.first(5), SlotKey.end(5), new byte[4], true,
        (slotKey, head, length) -> {
          slots.add(SlotKey.slotOf(slotKey));
          return true;
        });
    assertEquals(List.of(2), slots);
    store.putRecord(a, record(2, 10));
    store.deleteRecordRange(SlotKey.first(5), SlotKey.end(5));
    assertNull(store.getRecord(a));
    assertNull(store.getRecord(b));
  }

  @Test
  void aLargeValueIsNotOvertakenByAnOlderBufferedRecord() {
    byte[] slot = SlotKey.of(6, 1);
    store.putRecord(slot, record(1, 10));
    store.putLarge(new byte[] {0, 0, 0, 0, 0, 0, 0, 1}, record(9, 100), slot, record(2, 12));
    store.flush();
    assertEquals(2, version(store.getRecord(slot)));
    assertEquals(2, version(engine.getRecord(slot)));
  }

  @Test
  void clearDropsBufferedRecords() {
    store.putRecord(SlotKey.of(1, 1), record(1, 10));
    store.clear();
    assertNull(store.getRecord(SlotKey.of(1, 1)));
    store.flush();
    assertNull(engine.getRecord(SlotKey.of(1, 1)));
  }

  @Test
  void aFailedBatchNamesItsRecordsWhichStayReadableUntilTheirSetIsWiped() {
    byte[] old = SlotKey.of(2, 1);
    store.putRecord(old, record(1, 10));
    store.flush();
    store.putRecord(old, record(2, 10));
    faulty.failWrites = true;
    UnwrittenRecords failure = assertThrows(UnwrittenRecords.class, () -> {
      for (int i = 0; i < BufferedKvStore.BATCH_RECORDS; i++) {
        store.putRecord(SlotKey.of(3, i), record(i, 10));
      }
    });
    assertEquals(BufferedKvStore.BATCH_RECORDS, failure.slotKeys().size());
    assertArrayEquals(old, failure.slotKeys().get(0));
    assertEquals(2, version(store.getRecord(old)), "still the newest value, never the older one");
    faulty.failWrites = false;
    store.deleteRecordRange(SlotKey.first(2), SlotKey.end(2));
    assertNull(store.getRecord(old));
    assertEquals(3, version(store.getRecord(SlotKey.of(3, 3))), "not wiped: another set");
  }

  /**
   * Writers put increasing versions of their own keys while another thread drains; after every
   * put, and at any moment for the reader, a key's record is never older than its last put.
   */
  @Test
  void concurrentPutsAndDrainsNeverShowAnOlderRecord() throws Exception {
    int writers = 3;
    int keysPerWriter = 40;
    int[][] done = new int[writers][keysPerWriter]; // last completed version per key
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      futures.add(pool.submit(() -> {
        start.await();
        SplittableRandom random = new SplittableRandom(writer);
        for (int version = 1; version <= 20_000; version++) {
          int k = random.nextInt(keysPerWriter);
          byte[] key = SlotKey.of(writer, k);
          store.putRecord(key, record(version, 8 + random.nextInt(200)));
          synchronized (done[writer]) {
            done[writer][k] = version;
          }
          int seen = version(store.getRecord(key));
          if (seen != version) {
            fail("writer " + writer + " key " + k + ": read " + seen + " after putting " + version);
          }
        }
        return null;
      }));
    }
    futures.add(pool.submit(() -> {
      start.await();
      while (!stop.get()) {
        store.scanHeads(SlotKey.first(0), SlotKey.end(0), new byte[4], true, (k, h, l) -> true);
      }
      return null;
    }));
    futures.add(pool.submit(() -> {
      start.await();
      SplittableRandom random = new SplittableRandom(99);
      while (!stop.get()) {
        int w = random.nextInt(writers);
        int k = random.nextInt(keysPerWriter);
        int before;
        synchronized (done[w]) {
          before = done[w][k];
        }
        byte[] record = store.getRecord(SlotKey.of(w, k));
        int seen = record == null ? 0 : version(record);
        if (seen < before) {
          fail("reader: key " + w + "/" + k + " read " + seen + " after " + before + " completed");
        }
      }
      return null;
    }));
    start.countDown();
    for (int i = 0; i < writers; i++) {
      futures.get(i).get(60, TimeUnit.SECONDS);
    }
    stop.set(true);
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    store.flush();
    assertEquals(0, store.bufferedRecords());
    for (int w = 0; w < writers; w++) {
      for (int k = 0; k < keysPerWriter; k++) {
        byte[] r = engine.getRecord(SlotKey.of(w, k));
        assertEquals(done[w][k], r == null ? 0 : version(r), "engine, key " + w + "/" + k);
      }
    }
  }
}
