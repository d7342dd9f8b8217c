package dev.atrium.tiers.disk;

/**
 * Counters of a disk tier since it opened.
 *
 * @param hits loads that returned an entry
 * @param misses loads that returned null, for any reason
 * @param filterSkips misses answered by the in-memory filter without I/O
 * @param falsePositives loads the filter let through that found nothing for the key
 * @param stores stores written
 * @param dropped stores and tombstones not written (too large, tier off, I/O error)
 * @param corrupt records that failed their checksum or shape check (each is a miss)
 * @param ioErrors storage operations that failed
 * @param trims set trims (evictions and filter rebuilds)
 * @param evicted records removed by trims (oldest first, expired, shadowed, tombstones)
 * @param bytesWritten record bytes handed to the store (user bytes, before RocksDB's own)
 * @param storageBytesWritten bytes RocksDB wrote to files (WAL, flushes, compactions)
 * @param degraded whether the tier is switched off after repeated errors
 * @param heapBytes heap bytes of the tier's structures that grow with it: filters, per-set
 *     counters and flags, lock stripes
 * @param sets the number of sets
 */
public record DiskTierStats(
    long hits,
    long misses,
    long filterSkips,
    long falsePositives,
    long stores,
    long dropped,
    long corrupt,
    long ioErrors,
    long trims,
    long evicted,
    long bytesWritten,
    long storageBytesWritten,
    boolean degraded,
    long heapBytes,
    int sets) {

  /** Bytes RocksDB wrote per record byte handed to it; NaN before any write. */
  public double writeAmplification() {
    return bytesWritten == 0 ? Double.NaN : (double) storageBytesWritten / bytesWritten;
  }
}
