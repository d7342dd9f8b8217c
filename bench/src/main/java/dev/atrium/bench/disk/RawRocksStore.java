package dev.atrium.bench.disk;

import dev.atrium.tiers.disk.Compression;
import dev.atrium.tiers.disk.DiskTiers;
import dev.atrium.tiers.disk.rocksdb.RocksKvStore;
import dev.atrium.tiers.disk.rocksdb.RocksTuning;
import java.nio.file.Path;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Statistics;
import org.rocksdb.TickerType;
import org.rocksdb.WriteOptions;

/**
 * The ceiling: RocksDB point gets and puts with the options Atrium's set column family gets for
 * the same budget ({@link RocksTuning}, sized by {@link DiskTiers#setsBytes}: the same memtable,
 * levels, stall triggers, block cache, compression and memory-mapped reads), no WAL, the user key
 * as RocksDB key. No bound, no eviction, no filter.
 */
final class RawRocksStore implements BenchStore {
  static {
    RocksDB.loadLibrary();
  }

  private final LRUCache cache = new LRUCache(RocksTuning.BLOCK_CACHE_BYTES);
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final Options options;
  private final Statistics statistics = new Statistics();
  private final RocksDB db;
  private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
  private final ReadOptions readOptions = new ReadOptions();
  private final byte[][] keys;
  private long userBytes;

  RawRocksStore(Path dir, long budgetBytes, byte[][] keys) {
    this.keys = keys;
    long setsBytes = DiskTiers.setsBytes(budgetBytes);
    dbOptions = RocksTuning.dbOptions(setsBytes + DiskTiers.largeBytes(budgetBytes), false, true)
        .setStatistics(statistics);
    cfOptions = RocksTuning.setOptions(setsBytes, Compression.LZ4, cache);
    options = new Options(dbOptions, cfOptions);
    try {
      db = RocksDB.open(options, dir.toString());
    } catch (RocksDBException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public byte[] get(int index) {
    try {
      return db.get(readOptions, keys[index]);
    } catch (RocksDBException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void put(int index, byte[] value) {
    try {
      db.put(writeOptions, keys[index], value);
    } catch (RocksDBException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String engineProperty(String name) {
    try {
      return db.getProperty(name);
    } catch (RocksDBException e) {
      return null;
    }
  }

  @Override
  public void flush() {
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.flush(flush);
      RocksKvStore.awaitCompactions(db, db.getDefaultColumnFamily());
    } catch (RocksDBException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Bytes RocksDB wrote to files (flushes and compactions) per user byte put. */
  double writeAmplification(long userBytesPut) {
    long written = statistics.getTickerCount(TickerType.FLUSH_WRITE_BYTES)
        + statistics.getTickerCount(TickerType.COMPACT_WRITE_BYTES)
        + statistics.getTickerCount(TickerType.WAL_FILE_BYTES);
    return (double) written / userBytesPut;
  }

  @Override
  public void close() {
    readOptions.close();
    writeOptions.close();
    db.close();
    options.close();
    cfOptions.close();
    dbOptions.close();
    statistics.close();
    cache.close();
  }
}
