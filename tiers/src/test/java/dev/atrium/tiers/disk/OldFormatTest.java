package dev.atrium.tiers.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.Ticker;
import dev.atrium.tiers.disk.format.RecordCodec;
import dev.atrium.tiers.disk.format.Reseal;
import dev.atrium.tiers.disk.format.SlotKey;
import dev.atrium.tiers.disk.format.XxHash64;
import dev.atrium.tiers.disk.rocksdb.RocksKvStore;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persistent directory that holds records of format version 2 (the one before the current):
 * the tier never decodes them. With the layout file that version wrote, the directory is wiped at
 * open (and the reason logged); with a layout that claims the current version, each old record is
 * malformed to the recovery's survey and dropped as corrupt. Either way the old value is a miss.
 */
class OldFormatTest {
  private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OLD = "old".getBytes(StandardCharsets.UTF_8);
  private static final long BUDGET = 4L << 20;

  @TempDir
  Path dir;

  private DiskTierConfig config() {
    return DiskTierConfig.builder(dir).persistent(true).budgetBytes(BUDGET).setBytes(4 << 10)
        .build();
  }

  @Test
  void aDirectoryOfTheOldVersionStartsEmpty() throws IOException {
    int setBits = writeVersion2Directory();
    Path file = dir.resolve("atrium-layout.properties");
    Properties layout = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      layout.load(reader);
    }
    String current = layout.getProperty("layout");
    assertEquals("format=" + RecordCodec.FORMAT_VERSION + ",setBits=" + setBits, current);
    layout.setProperty("layout", "format=2,setBits=" + setBits); // as version 2 wrote it
    try (Writer writer = Files.newBufferedWriter(file)) {
      layout.store(writer, null);
    }
    try (SetAssociativeDiskTier tier = SetAssociativeDiskTier.open(config())) {
      assertEquals(1 << setBits, tier.sets());
      assertNull(tier.load(KEY));
      assertEquals(0, tier.stats().corrupt(), "wiped before anything was read");
      tier.store(KEY, "new".getBytes(StandardCharsets.UTF_8), Ticker.NEVER);
    }
    try (SetAssociativeDiskTier tier = SetAssociativeDiskTier.open(config())) {
      assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), tier.load(KEY).value());
    }
  }

  @Test
  void oldRecordsUnderTheCurrentLayoutAreDroppedAsCorrupt() {
    writeVersion2Directory();
    try (SetAssociativeDiskTier tier = SetAssociativeDiskTier.open(config())) {
      assertNull(tier.load(KEY));
      assertTrue(tier.stats().corrupt() >= 1, "the survey at recovery found the old record");
    }
  }

  /**
   * Opens and closes a current tier (so the directory has its layout and intact marker), then
   * replaces the key's record with the bytes format version 2 wrote for it; returns the set bits.
   */
  private int writeVersion2Directory() {
    int sets;
    try (SetAssociativeDiskTier tier = SetAssociativeDiskTier.open(config())) {
      tier.store(KEY, "current".getBytes(StandardCharsets.UTF_8), Ticker.NEVER);
      sets = tier.sets();
    }
    int setBits = Integer.numberOfTrailingZeros(sets);
    long hash = XxHash64.hash(KEY);
    byte[] slotKey = SlotKey.of(SlotKey.set(hash, setBits), SlotKey.slot(hash));
    try (RocksKvStore store = RocksKvStore.open(dir.resolve("rocksdb"), true, Compression.LZ4,
        true, DiskTiers.setsBytes(BUDGET), DiskTiers.largeBytes(BUDGET), 0)) {
      store.putRecord(slotKey, version2Put(7, KEY, OLD));
      store.flush();
    }
    return setBits;
  }

  /** A put record as format version 2 wrote it: crc, tag, sequence (8), key length (2), ... */
  private static byte[] version2Put(long sequence, byte[] key, byte[] value) {
    byte[] r = new byte[15 + key.length + value.length];
    r[4] = (byte) (0x20 | RecordCodec.KIND_PUT);
    for (int i = 0; i < 8; i++) {
      r[5 + i] = (byte) (sequence >>> (56 - 8 * i));
    }
    r[13] = (byte) (key.length >>> 8);
    r[14] = (byte) key.length;
    System.arraycopy(key, 0, r, 15, key.length);
    System.arraycopy(value, 0, r, 15 + key.length, value.length);
    return Reseal.crc(r);
  }
}
