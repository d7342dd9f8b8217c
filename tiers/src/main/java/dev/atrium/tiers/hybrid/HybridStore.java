package dev.atrium.tiers.hybrid;

import dev.atrium.tiers.CacheStore;
import dev.atrium.tiers.EntryIterator;
import dev.atrium.tiers.Ticker;
import dev.atrium.tiers.disk.DiskCursor;
import dev.atrium.tiers.disk.DiskEntry;
import dev.atrium.tiers.disk.DiskTier;
import dev.atrium.tiers.disk.DiskTiers;
import dev.atrium.tiers.memory.ComputeSlot;
import dev.atrium.tiers.memory.EntryComputation;
import dev.atrium.tiers.memory.EntrySlot;
import dev.atrium.tiers.memory.MemoryEntry;
import dev.atrium.tiers.memory.MemoryTier;
import dev.atrium.tiers.memory.MemoryTierConfig;
import dev.atrium.tiers.memory.MemoryTiers;
import dev.atrium.tiers.memory.RemovalCause;
import dev.atrium.tiers.memory.RemovalListener;
import dev.atrium.tiers.serde.SerializationException;
import dev.atrium.tiers.serde.Serializer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hybrid store: a memory tier over a disk tier, behind the {@link CacheStore} contract.
 *
 * <p><b>Data flow.</b> A lookup asks memory, then the entries waiting to be written, then disk,
 * whose in-memory filter answers most misses without I/O; a hit below memory is <em>promoted</em>
 * into memory. Under {@link WritePolicy#ON_EVICTION} (the default) memory's capacity victims go
 * to the {@link DiskWriter}'s bounded queue and from there to disk; an entry promoted unchanged is
 * marked {@linkplain MemoryEntry#isPersisted() persisted} and is not written again when evicted.
 * A write (put, remove, or a computation that changes the entry) tombstones any older copy below
 * memory before it returns. Only victims that could not be queued leave the store, and only they
 * are reported to the listener as {@link RemovalCause#CAPACITY}.
 *
 * <p><b>Never an old value.</b> Three locks order the tiers: the memory tier's key lock (its
 * {@link MemoryTier#compute}), held by promotions and by every write that changes an entry; the
 * writer's stripe lock, under which an invalidation cancels the pending entry, tombstones the
 * disk copy and counts one more generation of the stripe in one step (as does a queued entry's
 * move to disk); and the same stripe lock
 * around the reads of a promotion. A promotion reads below memory wholly before or wholly after
 * any invalidation, and installs what it read (under the key lock) only if the stripe's
 * generation has not moved since: a write that completed in between wins. {@link DiskWriter}
 * explains why a queued value can never overtake a newer write.
 *
 * <p><b>Single flight.</b> Of many threads missing on one key, the first reads below memory and
 * installs the entry; the others wait for its result. One disk read. The disk read itself holds no
 * memory-tier lock (see {@link #promote}).
 */
public final class HybridStore<K, V> implements CacheStore<K, V> {
  private final MemoryTierConfig<K, V> memoryConfig;
  private final MemoryTier<K, V> memory;
  private final DiskTier disk;
  private final DiskWriter<K, V> writer;
  private final Serializer<K> keys;
  private final Serializer<V> values;
  private final WritePolicy writePolicy;
  private final RemovalListener<K, V> downstream;
  private final Ticker ticker;
  private final boolean persistent;
  private final java.nio.file.Path directory;
  private final boolean ownsDirectory;

  private final java.util.concurrent.ConcurrentHashMap<K, java.util.concurrent.CompletableFuture<Object>>
      promotions = new java.util.concurrent.ConcurrentHashMap<>();
  private final LongAdder memoryHits = new LongAdder();
  private final LongAdder pendingHits = new LongAdder();
  private final LongAdder diskHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder filterSkips = new LongAdder();
  private final LongAdder promotionWaits = new LongAdder();

  private HybridStore(HybridConfig<K, V> config, DiskTier disk, String name) {
    this.disk = disk;
    this.keys = config.keySerializer();
    this.values = config.valueSerializer();
    this.writePolicy = config.writePolicy();
    this.downstream = config.memory().removalListener();
    this.ticker = config.memory().ticker();
    this.persistent = config.disk().persistent();
    this.directory = config.disk().directory();
    this.ownsDirectory = config.ownsDirectory();
    this.writer = new DiskWriter<>(disk, keys, values,
        new Admission(config.maxEntryBytes(), config.bytesPerSecond(), ticker),
        config.writeQueueBytes(), config.writerThreads(), name, config.keepReferences());
    this.memoryConfig = config.memory().withRemovalListener(this::onMemoryRemoval);
    this.memory = MemoryTiers.create(memoryConfig);
  }

  /**
   * Opens the disk tier {@code config} names and the memory tier over it.
   *
   * @param name names the writer threads
   * @throws IllegalStateException if another store has the disk directory open
   */
  public static <K, V> HybridStore<K, V> open(HybridConfig<K, V> config, String name) {
    DiskTier disk = DiskTiers.open(config.disk());
    try {
      return new HybridStore<>(config, disk, name);
    } catch (RuntimeException | Error e) {
      disk.close();
      throw e;
    }
  }

  /** What leaves memory: capacity victims go down to disk; the rest leave the store. */
  private void onMemoryRemoval(MemoryEntry<K, V> entry, RemovalCause cause) {
    if (cause == RemovalCause.CAPACITY) {
      if (entry.isPersisted() || writePolicy == WritePolicy.ON_INSERTION) {
        return;
      }
      if (writer.offer(entry.key(), entry.value(), entry.deadline())) {
        return;
      }
    }
    downstream.onRemoval(entry, cause);
  }

  // ---------------------------------------------------------------- reads

  @Override
  public MemoryEntry<K, V> get(K key) {
    MemoryEntry<K, V> entry = memory.get(key);
    if (entry != null) {
      memoryHits.increment();
      return entry;
    }
    return promote(key);
  }

  @Override
  public MemoryEntry<K, V> peek(K key) {
    MemoryEntry<K, V> entry = memory.peek(key);
    if (entry != null) {
      return entry;
    }
    byte[] keyBytes = keyBytesIfBelow(key);
    if (keyBytes == null) {
      return null;
    }
    Below<V> below = readBelow(key, keyBytes, false);
    return below == null ? null : detached(key, below);
  }

  /** An entry found below memory: its value, deadline, and whether it came from disk. */
  private record Below<V>(V value, long deadline, boolean fromDisk) {}

  /**
   * The key's bytes if the key may be below memory (pending, or in disk's filter), else null.
   * A key that cannot be serialized is never below memory.
   */
  private byte[] keyBytesIfBelow(K key) {
    byte[] keyBytes;
    try {
      keyBytes = keys.serialize(key);
    } catch (SerializationException e) {
      return null;
    }
    if (writer.pending(key) != null || disk.mayContain(keyBytes)) {
      return keyBytes;
    }
    filterSkips.increment();
    return null;
  }

  /**
   * Reads the key below memory, under the writer's stripe lock so that no invalidation is half
   * done while it reads. {@code reclaim} takes a pending entry back (it is returning to memory).
   */
  private Below<V> readBelow(K key, byte[] keyBytes, boolean reclaim) {
    return writer.underStripe(key, () -> {
      DiskWriter.Pending<K, V> pending = reclaim ? writer.reclaim(key) : writer.pending(key);
      if (pending != null) {
        return Ticker.isExpired(pending.deadline, ticker.read())
            ? null : new Below<>(pending.value, pending.deadline, false);
      }
      return readDisk(key, keyBytes);
    });
  }

  /** Disk's live value of the key, or null. The caller holds the key's stripe lock. */
  private Below<V> readDisk(K key, byte[] keyBytes) {
    DiskEntry entry = disk.load(keyBytes);
    if (entry == null || Ticker.isExpired(entry.deadline(), ticker.read())) {
      return null;
    }
    try {
      return new Below<>(writer.fromDisk(key, values.deserialize(entry.value())), entry.deadline(), true);
    } catch (SerializationException e) {
      return null;
    }
  }

  /**
   * A miss in memory: find the key below and bring it up, once however many threads ask.
   *
   * <p>The read below memory happens outside the memory tier's key lock (a disk read must not
   * block other keys of the memory tier), under the writer's stripe lock; the install happens in a
   * computation on the key, and only if no invalidation of the stripe intervened: otherwise a write
   * may have replaced or removed what was read, and the value is returned (it was current when
   * read) but not installed. An entry waiting in the write queue is newer than disk's and wins.
   * Concurrent misses on one key wait for the first one's promotion: one disk read.
   */
  private MemoryEntry<K, V> promote(K key) {
    byte[] keyBytes = keyBytesIfBelow(key);
    if (keyBytes == null) {
      misses.increment();
      return null;
    }
    for (int attempt = 0; ; attempt++) {
      java.util.concurrent.CompletableFuture<Object> mine = new java.util.concurrent.CompletableFuture<>();
      java.util.concurrent.CompletableFuture<Object> running =
          attempt < MAX_JOINS ? promotions.putIfAbsent(key, mine) : null;
      if (running == null) {
        try {
          // a promotion that finished between this thread's miss and its registration has
          // installed the entry: look again before reading below memory
          MemoryEntry<K, V> installed = attempt == 0 ? memory.get(key) : null;
          Object found = installed != null ? installed : promoteOnce(key, keyBytes);
          mine.complete(found);
          return afterPromotion(key, found);
        } catch (RuntimeException | Error e) {
          mine.completeExceptionally(e);
          throw e;
        } finally {
          promotions.remove(key, mine);
        }
      }
      // Another thread is reading this key below memory. Its result may predate a write that
      // completed since this thread started, so rather than take it, wait for it to be installed
      // and look again: memory now answers, in the common case with no disk read of our own.
      promotionWaits.increment();
      awaitPromotion(running);
      MemoryEntry<K, V> entry = memory.get(key);
      if (entry != null) {
        memoryHits.increment();
        return entry;
      }
    }
  }

  /** How many other threads' promotions a miss waits for before reading below memory itself. */
  private static final int MAX_JOINS = 3;

  /**
   * How long a waiter spins before it parks. A promotion is one disk read and an install, a few
   * microseconds; parking costs the waiter a sleep and the promoting thread a futex wake-up, which
   * a profile of two threads missing on the same keys showed as a quarter of their CPU time.
   */
  private static final long SPIN_NANOS = 50_000;

  /** Returns once {@code promotion} is done, however it ended. */
  private static void awaitPromotion(java.util.concurrent.CompletableFuture<Object> promotion) {
    long start = System.nanoTime();
    while (!promotion.isDone()) {
      if (System.nanoTime() - start > SPIN_NANOS) {
        promotion.handle((result, failure) -> null).join();
        return;
      }
      Thread.onSpinWait();
    }
  }

  private Object promoteOnce(K key, byte[] keyBytes) {
    long[] generation = new long[1];
    boolean[] sawPending = new boolean[1];
    Below<V> read = writer.underStripe(key, () -> {
      generation[0] = writer.generation(key);
      sawPending[0] = writer.pending(key) != null;
      return sawPending[0] ? null : readDisk(key, keyBytes);
    });
    Object[] found = new Object[1];
    memory.compute(key, slot -> {
      if (slot.current() != null) {
        found[0] = slot.current();
        return null;
      }
      // an entry waiting for disk is newer than disk's copy; it returns to memory
      DiskWriter.Pending<K, V> pending = writer.reclaim(key);
      Below<V> below;
      if (pending != null) {
        below = Ticker.isExpired(pending.deadline, ticker.read())
            ? null : new Below<>(pending.value, pending.deadline, false);
      } else if (sawPending[0]) {
        // it was written to disk since: read it there (rare, so under the key lock)
        below = readBelow(key, keyBytes, false);
      } else {
        below = writer.generation(key) == generation[0] ? read : null;
      }
      if (below != null && !memoryConfig.isOversized(key, below.value())) {
        install(slot, below);
      }
      // not installed because a write intervened: still the value of the key when it was read
      found[0] = below != null ? below : (pending == null ? read : null);
      return null;
    });
    return found[0];
  }

  /** Puts what was found below memory into memory; a disk copy needs no write when evicted. */
  private static <K, V> void install(EntrySlot<K, V> slot, Below<V> below) {
    if (below.fromDisk()) {
      slot.putPersisted(below.value(), below.deadline());
    } else {
      slot.put(below.value(), below.deadline());
    }
  }

  /** What a promotion found, as an entry. */
  @SuppressWarnings("unchecked")
  private MemoryEntry<K, V> afterPromotion(K key, Object found) {
    if (found instanceof MemoryEntry<?, ?> entry) {
      memoryHits.increment();
      return (MemoryEntry<K, V>) entry;
    }
    Below<V> below = (Below<V>) found;
    if (below == null) {
      misses.increment();
      return null;
    }
    (below.fromDisk() ? diskHits : pendingHits).increment();
    MemoryEntry<K, V> installed = memory.peek(key);
    if (installed != null && installed.value() == below.value()) {
      return installed;
    }
    return detached(key, below);
  }

  private MemoryEntry<K, V> detached(K key, Below<V> below) {
    return new MemoryEntry<>(key, below.value(), 1, below.deadline());
  }

  // ---------------------------------------------------------------- writes

  @Override
  public MemoryEntry<K, V> put(K key, V value, long deadline) {
    if (writePolicy == WritePolicy.ON_EVICTION && !memoryConfig.isOversized(key, value)) {
      // Memory's own computation, which reads nothing below (unlike this store's compute): the
      // invalidation and the new value are one step for evictions of the key. Done one after the
      // other outside the key lock, the new value could be evicted and dropped (a full write
      // queue) before the invalidation ran, and a reader would find the older copy on disk. A
      // victim cancelled by the invalidation is lost, never stale.
      return memory.compute(key, slot -> {
        MemoryEntry<K, V> previous = slot.current();
        invalidate(key);
        slot.put(value, deadline);
        return previous;
      });
    }
    return compute(key, slot -> {
      MemoryEntry<K, V> previous = slot.current();
      slot.put(value, deadline);
      return previous;
    });
  }

  @Override
  public MemoryEntry<K, V> remove(K key) {
    return compute(key, slot -> {
      MemoryEntry<K, V> previous = slot.current();
      slot.remove();
      return previous;
    });
  }

  @Override
  public <R> R compute(K key, EntryComputation<K, V, R> computation) {
    return memory.compute(key, slot -> {
      MemoryEntry<K, V> current = slot.current();
      Below<V> below = null;
      if (current == null) {
        byte[] keyBytes = keyBytesIfBelow(key);
        below = keyBytes == null ? null : readBelow(key, keyBytes, false);
      }
      ComputeSlot<K, V> decision = new ComputeSlot<>(key);
      decision.begin(current != null ? current : below == null ? null : detached(key, below), ticker.read());
      R result = computation.apply(decision);
      if (decision.wantsPut()) {
        V value = decision.newValue();
        long deadline = decision.newDeadline();
        invalidate(key);
        if (memoryConfig.isOversized(key, value)) {
          // too heavy for memory: it lives on disk only
          slot.remove();
          writer.offer(key, value, deadline);
        } else {
          slot.put(value, deadline);
          if (writePolicy == WritePolicy.ON_INSERTION) {
            writer.offer(key, value, deadline);
          }
        }
      } else if (decision.wantsRemove()) {
        slot.remove();
        invalidate(key);
      } else if (decision.wantsRenew()) {
        if (current != null) {
          slot.renew(decision.newDeadline());
        } else {
          writer.reclaim(key);
          slot.put(below.value(), decision.newDeadline());
        }
      } else if (below != null && !memoryConfig.isOversized(key, below.value())) {
        writer.reclaim(key);
        install(slot, below);
      }
      return result;
    });
  }

  /** Makes every copy of {@code key} below memory unreachable. */
  private void invalidate(K key) {
    byte[] keyBytes;
    try {
      keyBytes = keys.serialize(key);
    } catch (SerializationException e) {
      // a key that cannot be serialized never went below memory, but may be pending
      writer.reclaim(key);
      return;
    }
    writer.invalidate(key, keyBytes);
  }

  @Override
  public boolean renew(MemoryEntry<K, V> entry, long deadline) {
    return memory.renew(entry, deadline);
  }

  // ---------------------------------------------------------------- whole-store operations

  /**
   * Memory's entries, then those waiting for disk, then disk's: each live key once, weakly
   * consistent. Disk's keys are listed when the iterator reaches them (keys only: values are read
   * one at a time), so an entry that moves down during the iteration is still seen once.
   */
  @Override
  public Iterator<MemoryEntry<K, V>> iterator() {
    return new EntryIterator<>() {
      private final Iterator<MemoryEntry<K, V>> inMemory = memory.iterator();
      private final Set<K> seen = new HashSet<>();
      private Iterator<K> below;

      @Override
      protected MemoryEntry<K, V> advance() {
        if (inMemory.hasNext()) {
          MemoryEntry<K, V> entry = inMemory.next();
          seen.add(entry.key());
          return entry;
        }
        if (below == null) {
          below = keysBelow().iterator();
        }
        while (below.hasNext()) {
          K key = below.next();
          MemoryEntry<K, V> entry = seen.add(key) ? peek(key) : null;
          if (entry != null) {
            return entry;
          }
        }
        return null;
      }

      @Override
      protected void removeEntry(MemoryEntry<K, V> entry) {
        HybridStore.this.remove(entry.key());
      }
    };
  }

  /** The keys of the pending entries and of disk's entries, now. */
  private List<K> keysBelow() {
    List<K> below = new ArrayList<>(writer.pendingKeys());
    try (DiskCursor cursor = disk.entries()) {
      while (cursor.hasNext()) {
        try {
          below.add(keys.deserialize(cursor.next().key()));
        } catch (SerializationException e) {
          // bytes that are no key of ours are no entry of ours
        }
      }
    }
    return below;
  }

  @Override
  public long size() {
    return memory.size();
  }

  @Override
  public long weightedSize() {
    return memory.weightedSize();
  }

  @Override
  public long capacity() {
    return memory.capacity();
  }

  @Override
  public void clear() {
    memory.clear();
    writer.clear();
    disk.clear();
  }

  @Override
  public void cleanUp() {
    memory.cleanUp();
  }

  /**
   * Waits until the entries queued for disk so far are written (or dropped): for a caller that
   * wants disk to have caught up, and for tests. False if {@code timeout} passed first.
   */
  public boolean flush(java.time.Duration timeout) {
    return writer.awaitIdle(timeout.toNanos());
  }

  /** The counters of every tier. */
  public HybridStats stats() {
    return new HybridStats(memoryHits.sum(), pendingHits.sum(), diskHits.sum(), misses.sum(),
        filterSkips.sum(), promotionWaits.sum(), writer.queued.sum(), writer.written.sum(), writer.rejected.sum(),
        writer.dropped.sum(), writer.cancelled.sum(), writer.serializationFailures.sum(),
        writer.queuedBytes(), disk.stats());
  }

  /** The disk tier, for its bytes and counters. */
  public DiskTier disk() {
    return disk;
  }

  /**
   * Releases both tiers and the writer threads. A persistent store first writes what memory holds
   * (and what waits in the queue), so that a clean close keeps every entry.
   */
  @Override
  public void close() {
    close(false);
  }

  /**
   * Closes the store and deletes its files, persistent or not (the cache is being destroyed).
   */
  public void destroy() {
    close(true);
  }

  private void close(boolean deleteFiles) {
    if (persistent && !deleteFiles) {
      for (MemoryEntry<K, V> entry : memory) {
        if (!entry.isPersisted() && writePolicy == WritePolicy.ON_EVICTION) {
          writer.offerUnbounded(entry.key(), entry.value(), entry.deadline());
        }
      }
    }
    writer.close(persistent && !deleteFiles);
    memory.close();
    if (deleteFiles) {
      disk.clear();
    }
    disk.close();
    if (deleteFiles || (ownsDirectory && !persistent)) {
      deleteTree(directory);
    }
  }

  private static void deleteTree(java.nio.file.Path root) {
    if (!java.nio.file.Files.exists(root)) {
      return;
    }
    try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
        try {
          java.nio.file.Files.deleteIfExists(path);
        } catch (java.io.IOException e) {
          // a file we cannot delete stays; the tier is closed either way
        }
      });
    } catch (java.io.IOException e) {
      // as above
    }
  }
}
