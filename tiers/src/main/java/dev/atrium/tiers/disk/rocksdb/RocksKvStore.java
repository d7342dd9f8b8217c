package dev.atrium.tiers.disk.rocksdb;

import dev.atrium.tiers.disk.Compression;
import dev.atrium.tiers.disk.KvStore;
import dev.atrium.tiers.disk.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.SstFileManager;
import org.rocksdb.Statistics;
import org.rocksdb.StatsLevel;
import org.rocksdb.Status;
import org.rocksdb.TickerType;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The {@link KvStore} of the disk tier over one RocksDB instance with two column families:
 * {@code sets} (set records, leveled) and {@code large} (large values, FIFO). Options come from
 * {@link RocksTuning}. Thread-safe; {@link #close()} must not race other calls (the tier
 * guarantees it).
 */
public final class RocksKvStore implements KvStore {
  private static final byte[] SETS = "sets".getBytes(StandardCharsets.UTF_8);
  private static final byte[] LARGE = "large".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PROBE = "atrium-probe".getBytes(StandardCharsets.UTF_8);
  private static final byte[] LOWEST = new byte[0];
  private static final byte[] HIGHEST = filled(16, (byte) 0xFF);

  static {
    RocksDB.loadLibrary();
  }

  private final Path path;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final RocksDB db;
  private final ColumnFamilyHandle defaultCf;
  private final ColumnFamilyHandle sets;
  private final ColumnFamilyHandle large;
  private final WriteOptions writeOptions;
  private final ReadOptions readOptions;
  private final Statistics statistics;

  private RocksKvStore(Path path, boolean persistent, Compression compression, boolean mmapReads,
      long setsBytes, long largeBytes, long spaceLimitBytes) throws RocksDBException {
    this.path = path;
    statistics = keep(new Statistics());
    statistics.setStatsLevel(StatsLevel.EXCEPT_DETAILED_TIMERS);
    DBOptions dbOptions = keep(RocksTuning.dbOptions(setsBytes + largeBytes, persistent, mmapReads));
    dbOptions.setStatistics(statistics);
    if (spaceLimitBytes > 0) {
      SstFileManager manager = keep(new SstFileManager(Env.getDefault()));
      manager.setMaxAllowedSpaceUsage(spaceLimitBytes);
      dbOptions.setSstFileManager(manager);
    }
    Cache cache = keep(new LRUCache(RocksTuning.BLOCK_CACHE_BYTES));
    ColumnFamilyOptions defaults = keep(new ColumnFamilyOptions());
    ColumnFamilyOptions setOptions = keep(RocksTuning.setOptions(setsBytes, compression, cache));
    ColumnFamilyOptions largeOptions =
        keep(RocksTuning.largeOptions(largeBytes, compression, cache));
    List<ColumnFamilyDescriptor> descriptors = List.of(
        new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, defaults),
        new ColumnFamilyDescriptor(SETS, setOptions),
        new ColumnFamilyDescriptor(LARGE, largeOptions));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    db = RocksDB.open(dbOptions, path.toString(), descriptors, handles);
    keep(db);
    handles.forEach(this::keep);
    defaultCf = handles.get(0);
    sets = handles.get(1);
    large = handles.get(2);
    writeOptions = keep(new WriteOptions().setDisableWAL(!persistent).setSync(false));
    readOptions = keep(new ReadOptions());
  }

  /**
   * Opens (creating if needed) the store in {@code path}.
   *
   * @param setsBytes the logical bytes of the set records, to scale buffers and levels
   * @param largeBytes the FIFO bound of the large-value column family
   * @param spaceLimitBytes RocksDB's hard cap on table files (0: none)
   * @param mmapReads read table files through memory maps (see {@link RocksTuning})
   */
  public static RocksKvStore open(Path path, boolean persistent, Compression compression,
      boolean mmapReads, long setsBytes, long largeBytes, long spaceLimitBytes) {
    try {
      Files.createDirectories(path);
      return new RocksKvStore(path, persistent, compression, mmapReads, setsBytes, largeBytes,
          spaceLimitBytes);
    } catch (RocksDBException e) {
      throw failure("open " + path, e);
    } catch (IOException e) {
      throw new StoreException("open " + path + ": " + e, e, false);
    }
  }

  @Override
  public byte[] getRecord(byte[] slotKey) {
    try {
      return db.get(sets, readOptions, slotKey);
    } catch (RocksDBException e) {
      throw failure("get", e);
    }
  }

  @Override
  public byte[] getLarge(byte[] largeKey) {
    try {
      return db.get(large, readOptions, largeKey);
    } catch (RocksDBException e) {
      throw failure("get large", e);
    }
  }

  @Override
  public int putRecord(byte[] slotKey, byte[] record) {
    try {
      db.put(sets, writeOptions, slotKey, record);
      return UNKNOWN; // a blind write: what it replaced was never read
    } catch (RocksDBException e) {
      throw failure("put", e);
    }
  }

  @Override
  public void putRecord(ByteBuffer slotKey, ByteBuffer record) {
    try {
      db.put(sets, writeOptions, slotKey, record);
    } catch (RocksDBException e) {
      throw failure("put", e);
    }
  }

  @Override
  public void putRecords(byte[][] slotKeys, byte[][] records, int count) {
    if (count == 0) {
      return;
    }
    try (WriteBatch batch = new WriteBatch()) {
      for (int i = 0; i < count; i++) {
        batch.put(sets, slotKeys[i], records[i]);
      }
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw failure("put batch", e);
    }
  }

  @Override
  public void putLarge(byte[] largeKey, byte[] largeRecord, byte[] slotKey, byte[] stub) {
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(large, largeKey, largeRecord);
      batch.put(sets, slotKey, stub);
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw failure("put large", e);
    }
  }

  @Override
  public void deleteRecords(List<byte[]> slotKeys) {
    if (slotKeys.isEmpty()) {
      return;
    }
    try (WriteBatch batch = new WriteBatch()) {
      for (byte[] key : slotKeys) {
        batch.delete(sets, key);
      }
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw failure("delete", e);
    }
  }

  @Override
  public void deleteRecordRange(byte[] from, byte[] to) {
    try {
      db.deleteRange(sets, writeOptions, from, to);
    } catch (RocksDBException e) {
      throw failure("delete range", e);
    }
  }

  @Override
  public void clear() {
    // Large values are reachable only through their stubs, so deleting the sets is enough; the
    // FIFO log ages the orphans out.
    deleteRecordRange(LOWEST, HIGHEST);
  }

  /**
   * A scan copies into reused arrays ({@code key(byte[])}, {@code value(byte[])} return the full
   * length and copy what fits), so a record costs no Java allocation and its value is not copied.
   * The upper bound goes to RocksDB ({@code iterate_upper_bound}) so that no table iterator loads
   * the block after the set's last record; scans do not fill the block cache, which point reads
   * need.
   */
  @Override
  public void scanHeads(byte[] from, byte[] to, byte[] head, boolean verify,
      HeadVisitor visitor) {
    byte[] key = new byte[to.length];
    try (Slice upper = new Slice(to);
        ReadOptions options = new ReadOptions().setFillCache(false).setIterateUpperBound(upper)
            .setVerifyChecksums(verify);
        RocksIterator it = db.newIterator(sets, options)) {
      for (it.seek(from); it.isValid(); it.next()) {
        int keyLength = it.key(key);
        byte[] slotKey = keyLength == key.length ? key : it.key();
        if (!visitor.visit(slotKey, head, it.value(head))) {
          return;
        }
      }
      it.status();
    } catch (RocksDBException e) {
      throw failure("scan", e);
    }
  }

  @Override
  public RecordCursor openCursor() {
    ReadOptions options = new ReadOptions().setFillCache(false);
    RocksIterator it = db.newIterator(sets, options);
    it.seekToFirst();
    return new RecordCursor() {
      private boolean started;
      private boolean closed;

      @Override
      public boolean next() {
        if (closed) {
          return false;
        }
        if (started) {
          it.next();
        }
        started = true;
        if (it.isValid()) {
          return true;
        }
        try {
          it.status();
        } catch (RocksDBException e) {
          close();
          throw failure("iterate", e);
        }
        close();
        return false;
      }

      @Override
      public byte[] key() {
        return it.key();
      }

      @Override
      public byte[] record() {
        return it.value();
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          it.close();
          options.close();
        }
      }
    };
  }

  @Override
  public long lastLargeId() {
    try (RocksIterator it = db.newIterator(large)) {
      it.seekToLast();
      if (!it.isValid()) {
        it.status();
        return -1;
      }
      byte[] key = it.key();
      return key.length == 8 ? java.nio.ByteBuffer.wrap(key).getLong() : -1;
    } catch (RocksDBException e) {
      throw failure("last large id", e);
    }
  }

  @Override
  public long sizeOnDisk() {
    try (Stream<Path> files = Files.list(path)) {
      return files.mapToLong(RocksKvStore::sizeOf).sum();
    } catch (IOException | UncheckedIOException e) {
      throw new StoreException("size of " + path + ": " + e, e, false);
    }
  }

  @Override
  public long storageBytesWritten() {
    return statistics.getTickerCount(TickerType.WAL_FILE_BYTES)
        + statistics.getTickerCount(TickerType.FLUSH_WRITE_BYTES)
        + statistics.getTickerCount(TickerType.COMPACT_WRITE_BYTES);
  }

  @Override
  public boolean recover() {
    try {
      db.put(defaultCf, writeOptions, PROBE, PROBE);
      return true;
    } catch (RocksDBException e) {
      return false;
    }
  }

  @Override
  public void flush() {
    try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
      db.flush(options, Arrays.asList(sets, large));
      awaitCompactions(db, sets);
    } catch (RocksDBException e) {
      throw failure("flush", e);
    }
  }

  /**
   * Waits (up to a minute) until {@code family} has no compaction running or pending, so that a
   * measurement that follows does not share the machine with a background rewrite.
   */
  public static void awaitCompactions(RocksDB db, ColumnFamilyHandle family)
      throws RocksDBException {
    long until = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() - until < 0
        && (db.getLongProperty(family, "rocksdb.compaction-pending") != 0
            || db.getLongProperty(family, "rocksdb.num-running-compactions") != 0)) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public String property(String name) {
    try {
      // RocksDB keeps the database-wide counters (writes, stalls) with the default column family:
      // asked through another one, rocksdb.dbstats reports zeros
      return db.getProperty(name.equals("rocksdb.dbstats") ? defaultCf : sets, name);
    } catch (RocksDBException e) {
      throw failure("property " + name, e);
    }
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        if (resource instanceof RocksDB rocks) {
          rocks.closeE();
        } else {
          resource.close();
        }
      } catch (Exception e) {
        // closing: nothing more to do with a handle that will not close
      }
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.push(resource);
    return resource;
  }

  private static StoreException failure(String what, RocksDBException e) {
    Status status = e.getStatus();
    boolean corruption = status != null && status.getCode() == Status.Code.Corruption;
    return new StoreException(what + ": " + e.getMessage(), e, corruption);
  }

  private static long sizeOf(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0; // deleted between listing and sizing
    }
  }

  private static byte[] filled(int length, byte value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, value);
    return bytes;
  }
}
