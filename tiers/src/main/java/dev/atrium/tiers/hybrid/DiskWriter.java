package dev.atrium.tiers.hybrid;

import dev.atrium.tiers.disk.DiskTier;
import dev.atrium.tiers.serde.Serializer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The path from memory to disk: a bounded queue of entries waiting to be written, and the
 * background threads that serialize and write them.
 *
 * <p><b>Ordering.</b> The invariant is that no value ever reaches disk after a newer write of its
 * key has completed. Three rules keep it:
 * <ol>
 *   <li>{@link #offer} is called while the caller excludes writers of the key (the memory tier
 *       reports capacity victims under the key's lock; the hybrid store offers inside its
 *       computation), so an offer always precedes any later write of the same key;</li>
 *   <li>every write of a key calls {@link #invalidate}, which cancels the key's pending entry and
 *       tombstones any copy on disk, under the key's stripe lock;</li>
 *   <li>a background writer stores an entry only under the same stripe lock, and only if the entry
 *       is still the key's pending one.</li>
 * </ol>
 * So a pending entry is either written before the invalidation (and the tombstone follows it) or
 * cancelled by it. The pending map also serves reads: an entry is visible from its eviction until
 * it is on disk.
 *
 * <p><b>Bounds.</b> Offering never blocks and never serializes (serialization is the writers'
 * work, off the caller's thread). The queue is bounded in bytes by an estimate, the running mean
 * of the serialized sizes the writers measure; past it, and past admission, entries are dropped and
 * counted.
 */
final class DiskWriter<K, V> implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DiskWriter.class.getName());
  private static final int STRIPES = 1024;

  /** An entry on its way to disk. */
  static final class Pending<K, V> {
    final K key;
    final V value;
    final long deadline;

    Pending(K key, V value, long deadline) {
      this.key = key;
      this.value = value;
      this.deadline = deadline;
    }
  }

  private final DiskTier disk;
  private final Serializer<K> keys;
  private final Serializer<V> values;
  private final Admission admission;
  private final long maxQueueBytes;
  private final ConcurrentHashMap<K, Pending<K, V>> pending = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<Pending<K, V>> queue = new LinkedBlockingQueue<>();
  private final Object[] stripes = new Object[STRIPES];
  private final java.util.concurrent.atomic.AtomicLongArray generations =
      new java.util.concurrent.atomic.AtomicLongArray(STRIPES);
  private final Thread[] threads;
  private final AtomicLong meanEntryBytes = new AtomicLong(1024);
  private final java.util.concurrent.atomic.AtomicInteger writing = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean closing;
  /** The originals of values sent to disk, for store-by-reference; null for store-by-value. */
  private final ReferenceKeeper<K, V> references;

  final LongAdder queued = new LongAdder();
  final LongAdder written = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder cancelled = new LongAdder();
  final LongAdder serializationFailures = new LongAdder();

  DiskWriter(DiskTier disk, Serializer<K> keys, Serializer<V> values, Admission admission,
      long maxQueueBytes, int threads, String name, boolean keepReferences) {
    this.references = keepReferences ? new ReferenceKeeper<>() : null;
    this.disk = disk;
    this.keys = keys;
    this.values = values;
    this.admission = admission;
    this.maxQueueBytes = maxQueueBytes;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
    this.threads = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      Thread thread = new Thread(this::drain, "atrium-disk-writer-" + name + "-" + i);
      thread.setDaemon(true);
      this.threads[i] = thread;
      thread.start();
    }
  }

  /** Queues {@code key -> value} for disk; false if it was dropped. The caller excludes writers of the key. */
  boolean offer(K key, V value, long deadline) {
    if (closing) {
      dropped.increment();
      return false;
    }
    if ((queue.size() + 1L) * meanEntryBytes.get() > maxQueueBytes) {
      dropped.increment();
      return false;
    }
    Pending<K, V> entry = new Pending<>(key, value, deadline);
    if (pending.put(key, entry) != null) {
      cancelled.increment();
    }
    if (references != null) {
      references.keep(key, value);
    }
    queue.add(entry);
    queued.increment();
    return true;
  }

  /** Queues an entry regardless of the bound: for the final flush of a persistent store. */
  void offerUnbounded(K key, V value, long deadline) {
    Pending<K, V> entry = new Pending<>(key, value, deadline);
    if (references != null) {
      references.keep(key, value);
    }
    pending.put(key, entry);
    queue.add(entry);
    queued.increment();
  }

  /** Runs {@code read} under the stripe lock of {@code key}: no invalidation is half done meanwhile. */
  <T> T underStripe(K key, java.util.function.Supplier<T> read) {
    synchronized (stripe(key)) {
      return read.get();
    }
  }

  /** The keys waiting for disk now. */
  java.util.Collection<K> pendingKeys() {
    return new java.util.ArrayList<>(pending.keySet());
  }

  /** The entry of {@code key} waiting for disk, or null. */
  Pending<K, V> pending(K key) {
    return pending.get(key);
  }

  /** Takes back the pending entry of {@code key} (it is returning to memory); null if none. */
  Pending<K, V> reclaim(K key) {
    Pending<K, V> entry = pending.remove(key);
    if (entry != null) {
      cancelled.increment();
    }
    return entry;
  }

  /**
   * Makes every older value of {@code key} unreachable below memory: cancels its pending entry and
   * tombstones its disk copy.
   */
  void invalidate(K key, byte[] keyBytes) {
    synchronized (stripe(key)) {
      generations.incrementAndGet(stripeIndex(key));
      if (pending.remove(key) != null) {
        cancelled.increment();
      }
      if (references != null) {
        references.forget(key);
      }
      // not guarded by mayContain: that answers false while the tier is switched off, and the
      // tombstone (or the tier's own record that the set can no longer be trusted) is what keeps
      // an old copy from coming back when it switches on again; invalidate itself skips the I/O
      // when its filter rules the key out
      disk.invalidate(keyBytes);
    }
  }

  /** Forgets every pending entry (the store is being cleared). */
  void clear() {
    for (int i = 0; i < STRIPES; i++) {
      generations.incrementAndGet(i);
    }
    pending.clear();
    queue.clear();
    if (references != null) {
      references.clear();
    }
  }

  /**
   * What a read from disk should return for {@code key}: the original object while it is alive
   * (store-by-reference), else the copy disk gave back.
   */
  V fromDisk(K key, V copy) {
    if (references == null) {
      return copy;
    }
    V original = references.original(key);
    return original != null ? original : copy;
  }

  long queuedBytes() {
    return queue.size() * meanEntryBytes.get();
  }

  private Object stripe(K key) {
    return stripes[stripeIndex(key)];
  }

  private static int stripeIndex(Object key) {
    int h = key.hashCode();
    h ^= h >>> 16;
    return (h * 0x9E3779B9 >>> 22) & (STRIPES - 1);
  }

  /**
   * How many changes below memory the key's stripe has seen (invalidations, and entries moved from
   * the queue to disk): a promotion that read below memory installs what it read only if this has
   * not moved since. Without the second kind, a promotion could read an old disk copy, miss the
   * newer entry that was meanwhile evicted, queued and written, and install the old copy just
   * before the newer write's own invalidation (which then has nothing in memory to protect).
   */
  long generation(K key) {
    return generations.get(stripeIndex(key));
  }

  private void drain() {
    while (!closing || !queue.isEmpty()) {
      Pending<K, V> entry;
      try {
        entry = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        if (closing) {
          continue;
        }
        Thread.currentThread().interrupt();
        return;
      }
      if (entry != null) {
        writing.incrementAndGet();
        try {
          write(entry);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "a disk write failed; the entry stays off disk", e);
        } finally {
          writing.decrementAndGet();
        }
      }
    }
  }

  /** Serializes and stores one entry, unless a newer write of its key cancelled it. */
  void write(Pending<K, V> entry) {
    if (pending.get(entry.key) != entry) {
      return;
    }
    byte[] keyBytes;
    byte[] valueBytes;
    try {
      keyBytes = keys.serialize(entry.key);
      valueBytes = values.serialize(entry.value);
    } catch (RuntimeException e) {
      serializationFailures.increment();
      pending.remove(entry.key, entry);
      LOG.log(Level.FINE, "an entry could not be serialized; it stays off disk", e);
      return;
    }
    int bytes = keyBytes.length + valueBytes.length;
    long mean = meanEntryBytes.get();
    meanEntryBytes.set(Math.max(16, mean + (bytes - mean) / 16));
    if (!admission.admit(bytes)) {
      rejected.increment();
      pending.remove(entry.key, entry);
      return;
    }
    synchronized (stripe(entry.key)) {
      if (pending.get(entry.key) == entry) {
        // a move from the queue to disk is a change below memory too: a promotion that read disk
        // before it (and missed this entry in the queue) must not install what it read
        generations.incrementAndGet(stripeIndex(entry.key));
        disk.store(keyBytes, valueBytes, entry.deadline);
        pending.remove(entry.key, entry);
        written.increment();
      }
    }
  }

  /** Waits until every entry queued so far is written or dropped; false on timeout. */
  boolean awaitIdle(long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    while (!queue.isEmpty() || writing.get() != 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(200_000);
    }
    return true;
  }

  /** Writes what is queued (when {@code flush}), then stops the writers. */
  void close(boolean flush) {
    if (!flush) {
      queue.clear();
      pending.clear();
    }
    closing = true;
    for (Thread thread : threads) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    close(false);
  }
}
