package dev.atrium.tiers.disk;

import dev.atrium.tiers.Ticker;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The shape of a disk tier.
 *
 * @param directory where the tier keeps its files; it owns the whole directory
 * @param budgetBytes the bound on the bytes its files take on disk (default 256 MiB); the tier
 *     stays within it plus {@link #SLACK} (see {@code SetAssociativeDiskTier})
 * @param setBytes the target size of a set (default 64 KiB): the unit of eviction. A bigger set
 *     amortizes the per-set heap over more entries; each trim reads one whole set. The set count
 *     is a power of two, so a set's actual budget is between this and twice this
 * @param largeValueBytes records bigger than this go to the large-value log (default 0: one
 *     eighth of a set)
 * @param persistent whether entries survive a close and reopen (default false: the directory is
 *     wiped when the tier opens and when it closes)
 * @param compression RocksDB block compression (default LZ4)
 * @param mmapReads whether RocksDB reads table files through memory maps (default true): no
 *     system call and no block-cache insertion per read of a page-cached file, about twice the
 *     read throughput; but a hardware read error in a mapped file raises SIGBUS, which kills the
 *     process, where a read system call would have returned an error the tier counts and survives
 * @param ticker the clock deadlines are read from
 * @param wallClock the wall clock deadlines are written in, so they survive a restart
 * @param spaceLimitBytes a hard cap on RocksDB's table files enforced by RocksDB itself (default
 *     0: none); past it writes fail and the tier degrades, as on a full disk
 * @param filterBitsPerKey bits of Bloom filter per key a set can hold (default 7: about 3% false
 *     positives in a full set)
 */
public record DiskTierConfig(
    Path directory,
    long budgetBytes,
    int setBytes,
    int largeValueBytes,
    boolean persistent,
    Compression compression,
    boolean mmapReads,
    Ticker ticker,
    WallClock wallClock,
    long spaceLimitBytes,
    int filterBitsPerKey) {

  /** Documented bound: bytes on disk stay within {@code budgetBytes * SLACK}. */
  public static final double SLACK = 1.1;

  public DiskTierConfig {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(wallClock, "wallClock");
    if (budgetBytes < (1L << 20)) {
      throw new IllegalArgumentException("budgetBytes must be >= 1 MiB, was " + budgetBytes);
    }
    if (setBytes < 1024 || setBytes > (1 << 24)) {
      throw new IllegalArgumentException("setBytes must be in [1 KiB, 16 MiB], was " + setBytes);
    }
    if (largeValueBytes < 0) {
      throw new IllegalArgumentException("largeValueBytes must be >= 0, was " + largeValueBytes);
    }
    if (spaceLimitBytes < 0) {
      throw new IllegalArgumentException("spaceLimitBytes must be >= 0, was " + spaceLimitBytes);
    }
    if (filterBitsPerKey < 2 || filterBitsPerKey > 32) {
      throw new IllegalArgumentException("filterBitsPerKey must be in [2, 32], was " + filterBitsPerKey);
    }
  }

  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  /** Builds a {@link DiskTierConfig}; see the record's components for the defaults. */
  public static final class Builder {
    private final Path directory;
    private long budgetBytes = 256L << 20;
    private int setBytes = 64 << 10;
    private int largeValueBytes;
    private boolean persistent;
    private Compression compression = Compression.LZ4;
    private boolean mmapReads = true;
    private Ticker ticker = Ticker.system();
    private WallClock wallClock = WallClock.system();
    private long spaceLimitBytes;
    private int filterBitsPerKey = 7;

    private Builder(Path directory) {
      this.directory = directory;
    }

    public Builder budgetBytes(long budgetBytes) {
      this.budgetBytes = budgetBytes;
      return this;
    }

    public Builder setBytes(int setBytes) {
      this.setBytes = setBytes;
      return this;
    }

    public Builder largeValueBytes(int largeValueBytes) {
      this.largeValueBytes = largeValueBytes;
      return this;
    }

    public Builder persistent(boolean persistent) {
      this.persistent = persistent;
      return this;
    }

    public Builder compression(Compression compression) {
      this.compression = compression;
      return this;
    }

    public Builder mmapReads(boolean mmapReads) {
      this.mmapReads = mmapReads;
      return this;
    }

    public Builder ticker(Ticker ticker) {
      this.ticker = ticker;
      return this;
    }

    public Builder wallClock(WallClock wallClock) {
      this.wallClock = wallClock;
      return this;
    }

    public Builder spaceLimitBytes(long spaceLimitBytes) {
      this.spaceLimitBytes = spaceLimitBytes;
      return this;
    }

    public Builder filterBitsPerKey(int filterBitsPerKey) {
      this.filterBitsPerKey = filterBitsPerKey;
      return this;
    }

    public DiskTierConfig build() {
      return new DiskTierConfig(directory, budgetBytes, setBytes, largeValueBytes, persistent,
          compression, mmapReads, ticker, wallClock, spaceLimitBytes, filterBitsPerKey);
    }
  }
}
