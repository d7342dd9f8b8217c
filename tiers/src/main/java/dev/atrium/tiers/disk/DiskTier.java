package dev.atrium.tiers.disk;

/**
 * The disk tier: a bounded, persistent-or-not store of byte keys and byte values with deadlines,
 * for the entries that memory cannot hold.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li><b>Never a wrong value.</b> {@link #load} returns either null or the value of the last
 *       completed {@link #store} of that key, unless an {@link #invalidate} or {@link #clear}
 *       completed after it (then null). Never an older value, never bytes that fail their
 *       checksum, never the value of another key. This holds across {@link #close()} and reopen,
 *       and after a process crash of a persistent tier (entries may then be lost, never
 *       resurrected).</li>
 *   <li><b>A cache, not a database.</b> Any entry may disappear at any time: evicted to stay
 *       within the budget (oldest first inside its set), dropped under limits, lost to an I/O
 *       error or a corrupt record. Each such loss is counted in {@link #stats()}.</li>
 *   <li><b>{@link #mayContain} costs no I/O.</b> False means {@link #load} would return null now.
 *       True may be a false positive: it costs one point read of the set, never a wrong
 *       value.</li>
 *   <li><b>Failures never reach the caller.</b> An I/O error, a full disk or a corrupt record is a
 *       miss (load) or a dropped write (store), counted; after repeated errors the tier switches
 *       itself off (loads miss, writes are dropped) and probes its way back. Only misuse throws:
 *       null arguments, an operation on a closed tier ({@link IllegalStateException}).</li>
 *   <li><b>Deadlines</b> are readings of the tier's {@link dev.atrium.tiers.Ticker}; an entry is
 *       expired from its deadline on and is then a miss everywhere, the iterator included.</li>
 *   <li>All methods may be called concurrently from any number of threads.</li>
 * </ul>
 */
public interface DiskTier extends AutoCloseable {

  /** The live entry of {@code key}, or null when absent, expired, tombstoned, corrupt or off. */
  DiskEntry load(byte[] key);

  /**
   * Appends {@code key -> value} until {@code deadline}. Returns once the record is written (not
   * necessarily synced). May drop the entry (too large, tier off, I/O error); a dropped store
   * still makes every older value of {@code key} unreachable.
   */
  void store(byte[] key, byte[] value, long deadline);

  /**
   * Makes every value of {@code key} unreachable. When persistent, the tombstone is in the
   * write-ahead log before this returns, so it survives a process crash.
   */
  void invalidate(byte[] key);

  /** False if {@code key} is certainly absent; true if it may be present. No I/O. */
  boolean mayContain(byte[] key);

  /** Removes every entry. */
  void clear();

  /**
   * A weakly consistent cursor over the live entries (in no particular order). It holds native
   * resources until exhausted or closed: use try-with-resources.
   */
  DiskCursor entries();

  /**
   * Moves records buffered in memory by the storage engine into its files and waits (boundedly)
   * for the background compactions this starts, so that entries are disk-resident (benchmarks)
   * and a persistent tier restarts without replaying its log. Failures are counted, never
   * thrown.
   */
  void flush();

  /** Bytes the tier's files take on disk now, RocksDB's logs and obsolete versions included. */
  long diskBytes();

  /** A snapshot of the counters. */
  DiskTierStats stats();

  /**
   * A diagnostic property of the storage engine under the set records, by the engine's own name
   * (RocksDB's: {@code rocksdb.stats} for compactions and write stalls, {@code rocksdb.levelstats},
   * {@code rocksdb.estimate-num-keys}), or null if the engine does not know it or cannot answer.
   * For operators and benchmarks; never needed to use the tier.
   */
  String engineProperty(String name);

  /**
   * Waits for in-flight operations, releases every native handle, file and the directory lock.
   * A non-persistent tier deletes its files. Idempotent.
   */
  @Override
  void close();
}
