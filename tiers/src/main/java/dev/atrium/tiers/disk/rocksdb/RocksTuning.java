package dev.atrium.tiers.disk.rocksdb;

import dev.atrium.tiers.disk.Compression;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionOptionsFIFO;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.DataBlockIndexType;
import org.rocksdb.InfoLogLevel;

/**
 * RocksDB options chosen for a cache tier, in one place (the benchmark's raw-RocksDB ceiling
 * uses the same ones).
 *
 * <ul>
 *   <li><b>No WAL unless persistent</b> ({@code WriteOptions.disableWAL}): a non-persistent tier
 *       is wiped at open, so logging is pure cost. When persistent the WAL is on, not synced: it
 *       survives a process crash (RocksDB writes it before the memtable) but not a power loss.</li>
 *   <li><b>Reads through memory maps</b> ({@code allow_mmap_reads}, on by default): a point read of
 *       a table file that the OS page cache holds is a memory access, with no {@code pread} and no
 *       copy into the block cache, which doubles the throughput of disk hits in the hybrid
 *       benchmark. The cost: a hardware read error inside a mapped file is a SIGBUS that ends
 *       the process, where {@code pread} would have returned an error that the tier counts. The
 *       tier's files are never truncated while open (RocksDB's table files are immutable), so
 *       only a failing device can cause one; {@code DiskTierConfig.mmapReads(false)} trades the
 *       speed for surviving it.</li>
 *   <li><b>A small block cache</b> ({@link #BLOCK_CACHE_BYTES}): the memory tier is the cache;
 *       RocksDB's cache only has to hold index blocks and the blocks of the current
 *       read. The OS page cache does the rest.</li>
 *   <li><b>4 KiB blocks with a hash index inside each block</b>: lookups are point reads.</li>
 *   <li><b>RocksDB Bloom filters only above the last level</b> ({@code optimize_filters_for_hits}):
 *       the tier's own heap filter already screens misses, so RocksDB's filters only have to
 *       spare the upper levels on hits, and the last level (about 90% of the keys) carries
 *       none: about one bit of native memory per entry instead of ten.</li>
 *   <li><b>Leveled compaction with dynamic level sizes</b>: the lowest space amplification
 *       (about 1.1x), which the disk budget needs; small write buffers scaled to the budget so
 *       that obsolete versions are compacted away soon.</li>
 *   <li><b>Level 0 compacted at four files</b>, not two: keys are hashed, so every level-0 file
 *       overlaps nearly all of the level below, and each such compaction rewrites it. Merging
 *       four flushes at a time instead of two or three cut the bytes written per byte inserted
 *       by a fifth ({@code DiskFootprint 64}: 7.13 to 5.69 at 1 KiB, 11.07 to 8.70 at 100 B),
 *       with the peak on disk unchanged (0.77 and 0.82 of the budget); a two-writer scratch run
 *       (Zipf keys, distinct 1 KiB values) made about 15% more puts per second, the tier and raw
 *       RocksDB alike. Point reads may check a level-0 filter or two more.</li>
 *   <li><b>Large values: FIFO compaction</b> bounded by {@code max_table_files_size}: the oldest
 *       table file is dropped whole when the bound is passed, no rewrite ever.</li>
 *   <li><b>Compression selectable</b> (none, LZ4, ZSTD) for both column families.</li>
 *   <li><b>Info log and manifest kept small</b> (errors only; each rolled at 1/128 of the budget):
 *       they count against the budget, and a busy manifest reaches 10% of a small one.</li>
 *   <li><b>Write stalls scaled to the budget</b>: L0 slows writes at 6 files and stops them at 12,
 *       pending compaction bytes at 1/4 and 1/2 of the set data. A writer that outruns compaction
 *       is slowed down rather than letting obsolete versions pile up past the budget.</li>
 * </ul>
 */
public final class RocksTuning {
  /** RocksDB's block cache, shared by both column families. */
  public static final long BLOCK_CACHE_BYTES = 8L << 20;

  private RocksTuning() {}

  public static DBOptions dbOptions(long budgetBytes, boolean persistent, boolean mmapReads) {
    return new DBOptions()
        .setCreateIfMissing(true)
        .setAllowMmapReads(mmapReads)
        .setCreateMissingColumnFamilies(true)
        .setMaxBackgroundJobs(2)
        .setInfoLogLevel(InfoLogLevel.ERROR_LEVEL)
        .setMaxLogFileSize(clamp(budgetBytes / 128, 32L << 10, 1L << 20))
        .setKeepLogFileNum(1)
        .setMaxManifestFileSize(clamp(budgetBytes / 128, 32L << 10, 4L << 20))
        .setMaxTotalWalSize(persistent ? Math.max(1L << 20, budgetBytes / 32) : 0)
        .setBytesPerSync(persistent ? 1L << 20 : 0)
        .setAvoidFlushDuringShutdown(!persistent);
  }

  /** Options of the set column family: point reads of small records. */
  public static ColumnFamilyOptions setOptions(long setsBytes, Compression compression,
      Cache blockCache) {
    long writeBuffer = clamp(setsBytes / 32, 128L << 10, 32L << 20);
    long targetFile = clamp(setsBytes / 64, 64L << 10, 64L << 20);
    BlockBasedTableConfig table = new BlockBasedTableConfig()
        .setBlockCache(blockCache)
        .setBlockSize(4096)
        .setDataBlockIndexType(DataBlockIndexType.kDataBlockBinaryAndHash)
        .setFilterPolicy(new BloomFilter(10))
        .setCacheIndexAndFilterBlocks(false);
    ColumnFamilyOptions options = new ColumnFamilyOptions()
        .setTableFormatConfig(table)
        .setCompressionType(type(compression))
        .setBottommostCompressionType(type(compression))
        .setWriteBufferSize(writeBuffer)
        .setMaxWriteBufferNumber(3)
        .setLevel0FileNumCompactionTrigger(4)
        .setLevel0SlowdownWritesTrigger(6)
        .setLevel0StopWritesTrigger(12)
        .setSoftPendingCompactionBytesLimit(Math.max(1L << 20, setsBytes / 4))
        .setHardPendingCompactionBytesLimit(Math.max(2L << 20, setsBytes / 2))
        .setTargetFileSizeBase(targetFile)
        .setMaxCompactionBytes(targetFile * 8)
        .setMaxBytesForLevelBase(Math.max(writeBuffer * 4, 1L << 20))
        .setLevelCompactionDynamicLevelBytes(true)
        .setOptimizeFiltersForHits(true);
    options.setCompactionStyle(CompactionStyle.LEVEL);
    return options;
  }

  /** Options of the large-value column family: a bounded FIFO log. */
  public static ColumnFamilyOptions largeOptions(long largeBytes, Compression compression,
      Cache blockCache) {
    BlockBasedTableConfig table = new BlockBasedTableConfig()
        .setBlockCache(blockCache)
        .setBlockSize(16 << 10);
    ColumnFamilyOptions options = new ColumnFamilyOptions()
        .setTableFormatConfig(table)
        .setCompressionType(type(compression))
        .setWriteBufferSize(clamp(largeBytes / 8, 64L << 10, 16L << 20))
        .setMaxWriteBufferNumber(2)
        .setCompactionStyle(CompactionStyle.FIFO)
        .setCompactionOptionsFIFO(new CompactionOptionsFIFO()
            .setMaxTableFilesSize(largeBytes)
            .setAllowCompaction(false));
    return options;
  }

  static CompressionType type(Compression compression) {
    return switch (compression) {
      case NONE -> CompressionType.NO_COMPRESSION;
      case LZ4 -> CompressionType.LZ4_COMPRESSION;
      case ZSTD -> CompressionType.ZSTD_COMPRESSION;
    };
  }

  private static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
