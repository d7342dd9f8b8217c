package dev.atrium.tiers.disk;

import dev.atrium.tiers.disk.format.RecordCodec;
import dev.atrium.tiers.disk.format.SlotKey;
import dev.atrium.tiers.disk.format.XxHash64;
import dev.atrium.tiers.disk.rocksdb.RocksKvStore;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The disk tier as a set-associative log over RocksDB, after Kangaroo's KSet (McAllister et al.,
 * SOSP'21) and CacheLib's small-object cache (Berg et al., OSDI'20): no per-key index in memory,
 * eviction inside fixed-budget sets, appends instead of read-modify-write.
 *
 * <h2>Layout</h2>
 * The budget's set share ({@link #SET_SHARE}) is split into {@code 2^b} sets; the top {@code b}
 * bits of a key's {@link XxHash64} pick its set, the low 32 bits its slot. A set is the key range
 * {@code [set, set+1)} of RocksDB's {@code sets} column family: one record per slot under the
 * 8-byte {@link SlotKey}, each record stamped with a tier-wide sequence number, so the set is a
 * log ordered by sequence (see {@link RecordCodec} for the bytes). Writing is a blind put: no
 * read before write; a newer record of a key replaces the older one under the same RocksDB key,
 * and RocksDB's compaction drops the shadowed version. A tier that is not persistent (the
 * default) buffers its puts in memory and writes them to RocksDB in batches
 * ({@link BufferedKvStore}: reads see the buffer, a record replaced while buffered is never
 * written); a persistent tier writes each record as it comes, built once in a per-thread direct
 * buffer that RocksDB reads in place ({@link DirectRecords}), because a put must be in RocksDB's
 * log when it returns. This deviates from the sketch in
 * ARCHITECTURE.md (one RocksDB value per set, merge-appended): a lookup here is one point read of
 * one record instead of reading and scanning a whole set, which is what makes disk hits cost
 * about as much as a raw RocksDB get; the set stays the unit of budget and eviction.
 *
 * <h2>Eviction (trim)</h2>
 * Each set has a byte counter in memory, incremented by every append; an append whose slot the
 * set's filter already holds (an overwrite, or a false positive) is credited with the smallest
 * record the set may hold, up to {@link #OVERWRITE_CREDIT} of the set's budget between trims
 * ({@link SetFilters} gives the bound). An append that replaces a record the write buffer holds
 * or wrote recently ({@link WrittenLengths}) is known to be an overwrite, and is counted exactly:
 * its size minus the replaced one's.
 * When the counter passes the set's budget, the set is trimmed: the heads of its records are
 * scanned once ({@link SetSurvey}: kind, sequence, deadline and length; values are not read, and
 * neither the records' CRCs nor RocksDB's block checksums are checked: reads do that), and the
 * set is rewritten by deletes only (one atomic batch): tombstones, expired and malformed records
 * are dropped, then the live records are kept newest first up to {@link #FILL_TARGET} of the
 * budget (oldest out first, FIFO within the set as in Kangaroo). Survivors are not rewritten. The set's filter is
 * rebuilt from the survivors, and its counter set to their bytes.
 *
 * <h2>Filter</h2>
 * A per-set Bloom filter over slots ({@link SetFilters}) answers {@link #mayContain} and screens
 * misses without I/O; a false positive costs one point read that finds another key or nothing.
 * Heap: about {@code filterBitsPerKey / fill} bits per resident entry plus ~36 bytes per set.
 *
 * <h2>Large values</h2>
 * A record bigger than the large-value threshold is written to the {@code large} column family
 * (a FIFO log bounded by {@link #LARGE_SHARE} of the budget, oldest table files dropped whole)
 * under a fresh increasing id, and a small stub with the key and the id goes to the set, in one
 * atomic batch. The set stays the only authority: a large value is reachable only through the
 * newest stub of its key, and the full key is checked again on the large record.
 *
 * <h2>Concurrency</h2>
 * Loads take no lock: a filter check (acquire reads), a look into the write buffer, and one
 * RocksDB point read, which together see every write that returned before the load started. Writers (store, invalidate, trim, clear) of one set
 * serialize on a striped lock (up to {@link #STRIPES} locks) held across the RocksDB write and the
 * filter/counter update, so a trim (scan + delete batch + filter rebuild) never races an append
 * of its own set and no append is lost or left out of the filter. Sequence numbers and large ids
 * come from atomics. {@link #close()} waits for in-flight operations (a striped counter) before
 * releasing native handles, so no thread ever touches a closed RocksDB.
 *
 * <h2>Failures</h2>
 * Every storage error is caught, counted and reported to the {@link HealthGate}, which switches
 * the tier off after repeated errors. A write that could not be done may leave an older value on
 * disk; its set is then poisoned (reads miss until it is wiped by its next write), and a
 * persistent directory loses its intact marker so the data is not trusted after a restart. A
 * corrupt record (bad CRC, bad shape, or RocksDB reporting corruption) is a miss, counted, and
 * deleted by the read that meets it; a trim, which reads only heads and skips RocksDB's checksums,
 * drops a record whose head is malformed and leaves any other damage to that read.
 *
 * <h2>Capacity</h2>
 * Bytes on disk = set records ({@link #SET_SHARE} of the budget, logical bytes before
 * compression; a set exceeds its budget only by the credits its filter's false positives got as
 * overwrites: at most {@link #OVERWRITE_CREDIT} of its budget if every credited append were one,
 * about {@code p / (1 - p)} of its budget in expectation for a false-positive rate {@code p}, see
 * {@link #OVERWRITE_CREDIT}) + large values ({@link #LARGE_SHARE}) + RocksDB's obsolete versions,
 * tombstones, memtables flushed but not yet compacted, WAL and logs, which the remaining share
 * absorbs. The documented bound is {@code budget * DiskTierConfig.SLACK}.
 */
final class SetAssociativeDiskTier implements DiskTier {
  /** Share of the budget for the logical bytes of set records. */
  static final double SET_SHARE = 0.65;
  /**
   * Bytes set aside before sharing: RocksDB's own files (options, manifest, info log) and the
   * minimum sizes of its buffers and table files, which dominate a budget of a few MiB.
   */
  static final long FIXED_OVERHEAD = 2L << 20;
  /** Share of the budget for the large-value FIFO log. */
  static final double LARGE_SHARE = 0.15;
  /** A trim keeps the newest live records up to this fraction of the set's budget. */
  static final double FILL_TARGET = 0.7;
  /**
   * The most bytes, as a fraction of a set's budget, that appends of slots already in the set's
   * filter are credited between two trims: the worst case by which a set's records may exceed
   * its budget (every credited append a false positive, keys chosen to collide in the filter).
   * The expected excess does not grow with it: false positives come only with new keys, every
   * other new key is counted in full, and the counter reaches the budget after at most a budget
   * of those; so between two trims the false positives add about {@code p / (1 - p)} of the
   * budget in expectation ({@code p} the filter's false-positive rate, about 3% at the default 7
   * bits per key), whatever the cap. What the cap buys is fewer scans of sets that only
   * overwrite, whose trims find nothing to evict: such a set is trimmed after {@code cap} budgets
   * of overwrites plus its free space, a scan of all its records each time. Uniform 1 KiB
   * overwrites of 50,000 keys (2,048 sets, a third full), one writer, 1,000,000 puts: 1,720 trims
   * at 4, 51 at 8, none at 16; at 4 those scans (seeks that read and decompress table blocks)
   * were 13% of the writing threads' CPU in the insert benchmark at 1 KiB, and the writer's CPU
   * per put fell by a tenth at 16. Past the first budgets, a set that only overwrites is scanned
   * about four times less often at 16 than at 4. The price is the worst case above, which only
   * keys chosen to collide in a set's filter reach.
   */
  static final double OVERWRITE_CREDIT = 16.0;
  /**
   * Heap of one write-buffer batch as a fraction of the set bytes (a tier that is not persistent
   * buffers two, each within its share, and a table of recently written lengths of half a
   * share): at 1/16384 the buffer costs a 64 MiB tier of 1 KiB records about 1.6 bits of heap
   * per disk-resident entry (measured: DiskFootprint, 15.4 bits in all), and a
   * 256 MiB tier writes 8 records of 1 KiB or 32 (the most a batch takes) of 100 bytes per
   * RocksDB write. Larger batches pay the JNI crossing and RocksDB's write-group handshake for
   * more records, and hand the write lock between writer threads less often.
   */
  static final double WRITE_BUFFER_SHARE = 1.0 / 16384;
  /**
   * At most this many lock stripes, and one per eight sets: they count in the heap per entry (52
   * bytes each), and a few writer threads rarely meet on one of 64 stripes, the count of a
   * 64 MiB tier.
   */
  static final int STRIPES = 256;
  /** Heap bytes of one stripe: a ReentrantLock, its Sync and the reference to it. */
  private static final int LOCK_BYTES = 16 + 32 + 4;

  private final DiskTierConfig config;
  private final TierDirectory directory;
  private final KvStore store;
  private final SetFilters filters;
  private final HealthGate gate;
  private final DeadlineClock deadlines;
  private final ReentrantLock[] locks;
  private final int setBits;
  private final int setBudget;
  private final int fillTarget;
  private final int largeThreshold;
  /**
   * Whether records go to the store in direct buffers: RocksDB reads those in place, but the
   * {@link BufferedKvStore} of a tier that is not persistent keeps arrays, so for it a direct
   * buffer would be one more copy.
   */
  private final boolean directWrites;
  private final long maxRecord;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong largeIds = new AtomicLong();
  private final LongAdder inflight = new LongAdder();
  private final Set<DiskCursor> cursors = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private volatile long lastDiskBytes;

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder filterSkips = new LongAdder();
  private final LongAdder falsePositives = new LongAdder();
  private final LongAdder stores = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder corrupt = new LongAdder();
  private final LongAdder ioErrors = new LongAdder();
  private final LongAdder trims = new LongAdder();
  private final LongAdder evicted = new LongAdder();
  private final LongAdder bytesWritten = new LongAdder();

  private SetAssociativeDiskTier(DiskTierConfig config, TierDirectory directory, KvStore store,
      int setBits, int setBudget, long largeBytes) {
    this.config = config;
    this.directory = directory;
    this.store = store;
    this.directWrites = config.persistent();
    this.setBits = setBits;
    this.setBudget = setBudget;
    this.fillTarget = (int) (setBudget * FILL_TARGET);
    this.largeThreshold = config.largeValueBytes() > 0 ? config.largeValueBytes() : setBudget / 8;
    this.maxRecord = Math.max(largeThreshold, largeBytes / 2);
    this.filters = new SetFilters(1 << setBits, config.filterBitsPerKey(),
        (int) (setBudget * OVERWRITE_CREDIT));
    this.gate = new HealthGate(config.ticker(), config.directory().toString());
    this.deadlines = new DeadlineClock(config.ticker(), config.wallClock());
    this.locks = new ReentrantLock[Math.max(1, Math.min(STRIPES, (1 << setBits) / 8))];
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /**
   * The logical bytes of set records a budget allows: {@link #SET_SHARE} of what is left after
   * {@link #FIXED_OVERHEAD}, and never less than a quarter of the budget.
   */
  static long setsBytes(long budget) {
    return Math.max(budget / 4, (long) ((budget - FIXED_OVERHEAD) * SET_SHARE));
  }

  /** The bound of the large-value FIFO log for a budget: {@link #LARGE_SHARE} of it. */
  static long largeBytes(long budget) {
    return (long) (budget * LARGE_SHARE);
  }

  /** Opens the tier described by {@code config}; throws if its directory is in use. */
  static SetAssociativeDiskTier open(DiskTierConfig config) {
    return open(config, UnaryOperator.identity());
  }

  /**
   * Opens the tier with its store wrapped by {@code decorator} (fault injection in tests), outside
   * the write buffer if there is one.
   */
  static SetAssociativeDiskTier open(DiskTierConfig config, UnaryOperator<KvStore> decorator) {
    return open(config, UnaryOperator.identity(), decorator);
  }

  /**
   * Opens the tier with RocksDB wrapped by {@code engineDecorator} (below the write buffer, so a
   * test can fail a buffered batch) and the whole store by {@code decorator}.
   */
  static SetAssociativeDiskTier open(DiskTierConfig config,
      UnaryOperator<KvStore> engineDecorator, UnaryOperator<KvStore> decorator) {
    TierDirectory directory = TierDirectory.lock(config.directory());
    try {
      long setsBytes = setsBytes(config.budgetBytes());
      long largeBytes = largeBytes(config.budgetBytes());
      long wanted = Math.max(1, Math.min(1 << 30, setsBytes / config.setBytes()));
      int sets = Long.numberOfTrailingZeros(Long.highestOneBit(wanted));
      int setBudget = (int) Math.min(Integer.MAX_VALUE / 2, setsBytes >>> sets);
      String layout = "format=" + RecordCodec.FORMAT_VERSION + ",setBits=" + sets;
      boolean kept = directory.prepare(config.persistent(), layout);
      KvStore store;
      try {
        store = openStore(config, directory, setsBytes, largeBytes, engineDecorator, decorator);
      } catch (StoreException e) {
        if (!kept) {
          throw e;
        }
        // the data cannot even be opened (a corrupt manifest, say): start empty
        directory.wipe();
        kept = false;
        store = openStore(config, directory, setsBytes, largeBytes, engineDecorator, decorator);
      }
      SetAssociativeDiskTier tier =
          new SetAssociativeDiskTier(config, directory, store, sets, setBudget, largeBytes);
      if (kept) {
        try {
          tier.recover();
        } catch (StoreException e) {
          // part of the data cannot be scanned, so the filters cannot cover it: start empty
          store.close();
          directory.wipe();
          store = openStore(config, directory, setsBytes, largeBytes, engineDecorator, decorator);
          tier = new SetAssociativeDiskTier(config, directory, store, sets, setBudget, largeBytes);
        }
      }
      if (config.persistent()) {
        directory.markIntact();
      }
      return tier;
    } catch (RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /**
   * The tier's store: RocksDB, wrapped by {@code decorator}, and buffered
   * ({@link BufferedKvStore}) unless the tier is persistent, where a put must be in RocksDB's
   * log before it returns.
   */
  private static KvStore openStore(DiskTierConfig config, TierDirectory directory,
      long setsBytes, long largeBytes, UnaryOperator<KvStore> engineDecorator,
      UnaryOperator<KvStore> decorator) {
    KvStore engine = engineDecorator.apply(RocksKvStore.open(directory.data(),
        config.persistent(), config.compression(), config.mmapReads(), setsBytes, largeBytes,
        config.spaceLimitBytes()));
    if (config.persistent()) {
      return decorator.apply(engine);
    }
    int batchHeap = (int) Math.min(Integer.MAX_VALUE, (long) (setsBytes * WRITE_BUFFER_SHARE));
    return decorator.apply(new BufferedKvStore(engine, batchHeap));
  }

  @Override
  public DiskEntry load(byte[] key) {
    Objects.requireNonNull(key, "key");
    enter();
    try {
      long hash = XxHash64.hash(key);
      int set = SlotKey.set(hash, setBits);
      int slot = SlotKey.slot(hash);
      if (!filters.mayContain(set, slot)) {
        filterSkips.increment();
        misses.increment();
        return null;
      }
      DiskEntry entry = gate.allow() ? read(set, slot, key) : null;
      (entry == null ? misses : hits).increment();
      return entry;
    } finally {
      exit();
    }
  }

  @Override
  public void store(byte[] key, byte[] value, long deadline) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    enter();
    try {
      long hash = XxHash64.hash(key);
      int set = SlotKey.set(hash, setBits);
      int slot = SlotKey.slot(hash);
      int size = RecordCodec.maxPutSize(key.length, value.length);
      boolean expired = deadlines.expiredAtTicker(deadline);
      if (key.length > RecordCodec.MAX_KEY || size > maxRecord || expired) {
        if (!expired) {
          dropped.increment();
        }
        if (filters.mayContain(set, slot)) {
          writeTombstone(set, slot, key);
        }
        return;
      }
      if (!gate.allow()) {
        lost(set, slot);
        return;
      }
      long seq = sequence.incrementAndGet();
      long wall = deadlines.toWall(deadline);
      byte[] slotKey = null;
      byte[] record = null;
      byte[] largeKey = null;
      byte[] largeRecord = null;
      ByteBuffer directKey = null;
      ByteBuffer directRecord = null;
      int length;
      if (size > largeThreshold) {
        slotKey = SlotKey.of(set, slot);
        largeKey = RecordCodec.largeKey(largeIds.getAndIncrement());
        largeRecord = RecordCodec.largeValue(key, value);
        record = RecordCodec.largeStub(seq, wall, key, RecordCodec.largeId(largeKey),
            value.length);
        length = record.length;
      } else if (directWrites && size <= DirectRecords.MAX_RECORD) {
        DirectRecords direct = DirectRecords.local();
        directRecord = direct.record(size);
        length = RecordCodec.put(directRecord, seq, wall, key, value);
        directKey = SlotKey.of(set, slot, direct.slotKey);
      } else {
        slotKey = SlotKey.of(set, slot);
        record = RecordCodec.put(seq, wall, key, value);
        length = record.length;
      }
      ReentrantLock lock = lock(set);
      lock.lock();
      try {
        int replaced = KvStore.UNKNOWN;
        try {
          repairIfPoisoned(set);
          if (directRecord != null) {
            store.putRecord(directKey, directRecord);
          } else if (largeKey == null) {
            replaced = store.putRecord(slotKey, record);
          } else {
            store.putLarge(largeKey, largeRecord, slotKey, record);
          }
          gate.success();
        } catch (StoreException e) {
          failed(e);
          lost(set, slot);
          return;
        }
        filters.add(set, slot, length, capacityKeys(length), replaced);
        stores.increment();
        bytesWritten.add(length + (largeRecord == null ? 0 : largeRecord.length));
        maybeTrim(set);
      } finally {
        lock.unlock();
      }
    } finally {
      exit();
    }
  }

  @Override
  public void invalidate(byte[] key) {
    Objects.requireNonNull(key, "key");
    enter();
    try {
      long hash = XxHash64.hash(key);
      int set = SlotKey.set(hash, setBits);
      int slot = SlotKey.slot(hash);
      if (filters.mayContain(set, slot)) {
        writeTombstone(set, slot, key);
      }
    } finally {
      exit();
    }
  }

  @Override
  public boolean mayContain(byte[] key) {
    Objects.requireNonNull(key, "key");
    enter();
    try {
      long hash = XxHash64.hash(key);
      return !gate.off() && filters.mayContain(SlotKey.set(hash, setBits), SlotKey.slot(hash));
    } finally {
      exit();
    }
  }

  @Override
  public void clear() {
    enter();
    try {
      for (ReentrantLock lock : locks) {
        lock.lock();
      }
      try {
        try {
          store.clear();
          gate.success();
          for (int set = 0; set < filters.sets(); set++) {
            filters.reset(set);
            filters.unpoison(set);
          }
        } catch (StoreException e) {
          failed(e);
          for (int set = 0; set < filters.sets(); set++) {
            filters.poison(set);
          }
          suspect();
        }
      } finally {
        for (ReentrantLock lock : locks) {
          lock.unlock();
        }
      }
    } finally {
      exit();
    }
  }

  @Override
  public DiskCursor entries() {
    enter();
    try {
      LiveCursor cursor = new LiveCursor(store.openCursor());
      cursors.add(cursor);
      return cursor;
    } catch (StoreException e) {
      failed(e);
      return new LiveCursor(null);
    } finally {
      exit();
    }
  }

  @Override
  public long diskBytes() {
    enter();
    try {
      lastDiskBytes = store.sizeOnDisk();
    } catch (StoreException e) {
      // keep the last size we could read
    } finally {
      exit();
    }
    return lastDiskBytes;
  }

  @Override
  public DiskTierStats stats() {
    long written = 0;
    if (!closed) {
      enter();
      try {
        written = store.storageBytesWritten();
      } finally {
        exit();
      }
    }
    return new DiskTierStats(hits.sum(), misses.sum(), filterSkips.sum(), falsePositives.sum(),
        stores.sum(), dropped.sum(), corrupt.sum(), ioErrors.sum(), trims.sum(), evicted.sum(),
        bytesWritten.sum(), written, gate.off(), heapBytes(),
        filters.sets());
  }

  /** Heap of the tier's structures: filters and counters, lock stripes, the write buffer. */
  private long heapBytes() {
    return filters.heapBytes() + locks.length * LOCK_BYTES
        + (store instanceof BufferedKvStore buffer ? buffer.heapBytes() : 0);
  }

  @Override
  public void flush() {
    enter();
    try {
      store.flush();
    } catch (StoreException e) {
      failed(e);
    } finally {
      exit();
    }
  }

  @Override
  public String engineProperty(String name) {
    Objects.requireNonNull(name, "name");
    enter();
    try {
      return store.property(name);
    } catch (StoreException e) {
      return null; // an unknown name, or an engine in error: a diagnostic never throws
    } finally {
      exit();
    }
  }

  int setBudget() {
    return setBudget;
  }

  int sets() {
    return filters.sets();
  }

  /** The bytes of the records {@code set} holds now, by a scan (tests). */
  long recordBytes(int set) {
    long[] total = new long[1];
    enter();
    try {
      store.scanHeads(SlotKey.first(set), SlotKey.end(set), new byte[RecordCodec.HEAD], true,
          (slotKey, head, length) -> {
            total[0] += length;
            return true;
          });
    } finally {
      exit();
    }
    return total[0];
  }

  /** The set's byte counter and its credits (tests). */
  int countedBytes(int set) {
    return filters.bytes(set);
  }

  int creditedBytes(int set) {
    return filters.credits(set);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    while (inflight.sum() != 0) {
      Thread.onSpinWait();
    }
    for (DiskCursor cursor : cursors.toArray(new DiskCursor[0])) {
      cursor.close();
    }
    store.close();
    if (!config.persistent()) {
      directory.wipe();
    }
    directory.close();
  }

  // ---------------------------------------------------------------------------------------------

  private DiskEntry read(int set, int slot, byte[] key) {
    byte[] record;
    try {
      record = store.getRecord(SlotKey.of(set, slot));
      gate.success();
    } catch (StoreException e) {
      failed(e);
      if (e.corruption()) {
        dropCorrupt(set, slot);
      }
      return null;
    }
    if (record == null) {
      falsePositives.increment();
      return null;
    }
    if (!RecordCodec.isValidSetRecord(record)) {
      corrupt.increment();
      dropCorrupt(set, slot);
      return null;
    }
    if (!RecordCodec.keyEquals(record, key)) {
      falsePositives.increment();
      return null;
    }
    return decode(key, record);
  }

  /** The entry of a verified record whose key is {@code key}, or null. */
  private DiskEntry decode(byte[] key, byte[] record) {
    int kind = RecordCodec.kind(record);
    if (kind == RecordCodec.KIND_TOMBSTONE) {
      return null;
    }
    long wall = RecordCodec.wallDeadline(record);
    if (deadlines.expiredAt(wall)) {
      return null;
    }
    if (kind == RecordCodec.KIND_PUT) {
      return new DiskEntry(key, RecordCodec.value(record), deadlines.fromWall(wall));
    }
    byte[] large;
    try {
      large = store.getLarge(RecordCodec.largeKey(RecordCodec.stubLargeId(record)));
      gate.success();
    } catch (StoreException e) {
      failed(e);
      return null;
    }
    if (large == null) {
      return null; // aged out of the FIFO log
    }
    if (!RecordCodec.isValidLargeRecord(large)
        || !RecordCodec.largeMatches(large, key, RecordCodec.stubValueLength(record))) {
      corrupt.increment();
      return null;
    }
    return new DiskEntry(key, RecordCodec.largeValueOf(large), deadlines.fromWall(wall));
  }

  private void writeTombstone(int set, int slot, byte[] key) {
    if (!gate.allow()) {
      lost(set, slot);
      return;
    }
    byte[] record = RecordCodec.tombstone(sequence.incrementAndGet(), key);
    ReentrantLock lock = lock(set);
    lock.lock();
    try {
      try {
        if (filters.poisoned(set)) {
          return; // nothing in a poisoned set can be read; its next write wipes it
        }
        store.putRecord(SlotKey.of(set, slot), record);
        gate.success();
      } catch (StoreException e) {
        failed(e);
        lost(set, slot);
        return;
      }
      filters.addBytes(set, record.length);
      bytesWritten.add(record.length);
      maybeTrim(set);
    } finally {
      lock.unlock();
    }
  }

  /** A write to {@code slot} was not done: an older value there must never be read again. */
  private void lost(int set, int slot) {
    dropped.increment();
    if (filters.mayContain(set, slot) && filters.poison(set)) {
      suspect();
    }
  }

  private void suspect() {
    if (config.persistent()) {
      directory.markSuspect();
    }
  }

  /** Wipes a poisoned set before writing to it again. Caller holds the set's lock. */
  private void repairIfPoisoned(int set) {
    if (filters.poisoned(set)) {
      store.deleteRecordRange(SlotKey.first(set), SlotKey.end(set));
      filters.reset(set);
      filters.unpoison(set);
      if (config.persistent() && !filters.anyPoisoned()) {
        directory.markIntact();
      }
    }
  }

  /** Deletes every record of {@code set}. Caller holds the set's lock. */
  private void wipeSet(int set) {
    try {
      store.deleteRecordRange(SlotKey.first(set), SlotKey.end(set));
      filters.reset(set);
    } catch (StoreException e) {
      failed(e);
    }
  }

  private void dropCorrupt(int set, int slot) {
    ReentrantLock lock = lock(set);
    lock.lock();
    try {
      store.deleteRecords(List.of(SlotKey.of(set, slot)));
    } catch (StoreException e) {
      failed(e);
    } finally {
      lock.unlock();
    }
  }

  /** Trims the set if it is over budget or its filter is overfull. Caller holds the lock. */
  private void maybeTrim(int set) {
    boolean over = filters.bytes(set) > setBudget;
    if (over || filters.overfull(set)) {
      trim(set, over ? fillTarget : Integer.MAX_VALUE);
    }
  }

  /**
   * Drops dead records of {@code set} and the oldest live ones beyond {@code target} bytes, then
   * rebuilds its filter from the survivors. Caller holds the set's lock.
   */
  private void trim(int set, int target) {
    SetSurvey survey;
    try {
      survey = survey(set, false); // reads verify what they serve (KvStore.scanHeads)
      survey.keepNewest(target);
      store.deleteRecords(survey.drop);
      gate.success();
    } catch (StoreException e) {
      failed(e);
      if (e.corruption()) {
        wipeSet(set); // a set that cannot be scanned cannot be trimmed: drop it whole
      }
      return;
    }
    rebuildFilter(set, survey);
    trims.increment();
    evicted.add(survey.drop.size());
  }

  /**
   * Rebuilds the filters and counters from the data (a persistent tier at open), one set at a
   * time. A set that cannot be scanned because RocksDB finds it corrupt is deleted whole, so the
   * filters always cover every record that can still be read; any other error aborts (and the
   * caller starts empty).
   */
  private void recover() {
    long maxSequence = 0;
    for (int set = 0; set < filters.sets(); set++) {
      SetSurvey survey;
      try {
        survey = survey(set, true);
      } catch (StoreException e) {
        if (!e.corruption()) {
          throw e;
        }
        corrupt.increment();
        store.deleteRecordRange(SlotKey.first(set), SlotKey.end(set));
        continue;
      }
      maxSequence = Math.max(maxSequence, survey.maxSequence);
      survey.keepNewest(setBudget);
      store.deleteRecords(survey.drop);
      rebuildFilter(set, survey);
    }
    sequence.set(maxSequence);
    largeIds.set(store.lastLargeId() + 1);
  }

  /**
   * One scan of the heads of {@code set}'s records, sorted out, the engine's checksums checked on
   * the way if {@code verify}; throws what the scan throws.
   */
  private SetSurvey survey(int set, boolean verify) {
    SetSurvey survey = new SetSurvey(set, deadlines, corrupt, setBudget);
    store.scanHeads(SlotKey.first(set), SlotKey.end(set), new byte[RecordCodec.HEAD], verify,
        survey::visit);
    return survey;
  }

  /** Replaces the set's filter and counter with those of what {@code survey} kept. */
  private void rebuildFilter(int set, SetSurvey survey) {
    filters.rebuild(set, survey.slots, survey.kept, capacityKeys(survey.averageKept()),
        survey.keptBytes, survey.minKept);
  }

  private int capacityKeys(int averageRecordBytes) {
    return Math.max(1, setBudget / Math.max(averageRecordBytes, RecordCodec.MIN_HEADER + 1));
  }

  private ReentrantLock lock(int set) {
    return locks[set & (locks.length - 1)];
  }

  private void failed(StoreException e) {
    if (e instanceof UnwrittenRecords unwritten) {
      for (byte[] slotKey : unwritten.slotKeys()) {
        lost(SlotKey.setOf(slotKey), SlotKey.slotOf(slotKey));
      }
    }
    if (e.corruption()) {
      corrupt.increment();
    } else {
      ioErrors.increment();
      gate.failure(e);
    }
  }

  private void enter() {
    inflight.increment();
    if (closed) {
      inflight.decrement();
      throw new IllegalStateException("disk tier " + config.directory() + " is closed");
    }
  }

  private void exit() {
    inflight.decrement();
  }

  /** Iterates live entries, skipping dead, corrupt and poisoned ones. */
  private final class LiveCursor implements DiskCursor {
    private KvStore.RecordCursor cursor;
    private DiskEntry next;

    LiveCursor(KvStore.RecordCursor cursor) {
      this.cursor = cursor;
    }

    @Override
    public boolean hasNext() {
      while (next == null && cursor != null) {
        enter();
        try {
          if (!cursor.next()) {
            close();
            break;
          }
          byte[] slotKey = cursor.key();
          if (slotKey.length != SlotKey.LENGTH || filters.poisoned(SlotKey.setOf(slotKey))) {
            continue;
          }
          byte[] record = cursor.record();
          if (!RecordCodec.isValidSetRecord(record)) {
            corrupt.increment();
            continue;
          }
          next = decode(RecordCodec.key(record), record);
        } catch (StoreException e) {
          failed(e);
          close();
        } finally {
          exit();
        }
      }
      return next != null;
    }

    @Override
    public DiskEntry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      DiskEntry entry = next;
      next = null;
      return entry;
    }

    @Override
    public void close() {
      KvStore.RecordCursor c = cursor;
      if (c != null) {
        cursor = null;
        c.close();
        cursors.remove(this);
      }
    }
  }
}
