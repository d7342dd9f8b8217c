package dev.atrium.tiers.memory;

import dev.atrium.tiers.EntryIterator;
import dev.atrium.tiers.Ticker;
import dev.atrium.tiers.memory.policy.EvictionQueue;
import dev.atrium.tiers.memory.policy.FifoEviction;
import dev.atrium.tiers.memory.policy.LruEviction;
import dev.atrium.tiers.memory.policy.NodeTable;
import dev.atrium.tiers.memory.policy.PolicyNode;
import dev.atrium.tiers.memory.policy.S3FifoEviction;
import dev.atrium.tiers.memory.policy.SieveEviction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The memory tier of the LRU, FIFO, SIEVE and S3-FIFO policies: a set of independent shards, each
 * a {@link NodeTable} for lookups plus an {@link EvictionQueue} for order, under one lock. The
 * table chains the policy's own nodes, so one object per entry serves the index and the queues.
 *
 * <p><b>Concurrency.</b> A key belongs to one shard, chosen by a mixed hash of its
 * {@code hashCode()} (mixed differently from the table's own spreading, so the keys of one shard
 * still use all of its table's buckets). Every change to a shard (its table, its queues, its count
 * and weight) happens under the shard's lock, so at every lock release the table and the queues
 * agree. Reads take no lock: one table lookup, a deadline check that reads the ticker only for
 * entries that can expire, and the policy's hit, which is a bit or counter write for SIEVE and
 * S3-FIFO and nothing for FIFO. LRU's hit moves a node, which needs the lock: readers record it in
 * a {@link HitBuffer} that the lock's next holder applies, and while threads share the shard they
 * skip the hits on entries promoted a moment ago ({@link EvictionQueue#mayDropHit}). A reader can
 * find a node that a writer is removing: the node's key and weight never change, so the reader
 * returns a consistent, recently live entry (linearizable at its lookup), and the policies ignore
 * hits on detached nodes.
 *
 * <p><b>Replacing in place.</b> A {@link #put} over an entry that never expires, with a value of
 * the same weight and no deadline (every put of a cache without expiry and with a count bound),
 * writes the new value into the mapped node and counts the write as a hit: exactly what a new node
 * inheriting the old one's place and bits would do (each policy's {@code onReplace}), without the
 * allocation and the relinking of the node's queue neighbours, two more cache misses on a large
 * cache. Computations always install a new node, so a value never changes under one. Through
 * {@link #set} (a put whose caller drops the replaced entry) such a replacement allocates nothing.
 *
 * <p><b>Insertion costs.</b> A miss's put is the hot write path of a cache under eviction, so it
 * avoids what buys nothing there: a new node is written without full fences (its fields are
 * published by the table's release store, see {@link MemoryEntry}), linked without a second walk
 * of its chain ({@link NodeTable#insert}: the key was just looked up under the same lock), and a
 * tier whose entries cannot expire skips the probe of the oldest entries.
 *
 * <p><b>Bound.</b> Each shard holds {@code capacity / shards} (the remainder spread over the first
 * shards, so the shares add up to the capacity). Before an insertion the shard evicts until the
 * newcomer fits, so a policy never picks the newcomer as its own victim, as in the papers; after a
 * replacement that grew the weight it evicts until it is back within its share. An entry heavier
 * than the whole capacity is refused ({@link RemovalCause#OVERSIZED}); one heavier than its shard's
 * share but not the whole is admitted and then evicted at once ({@link RemovalCause#CAPACITY}),
 * which is why small capacities get fewer shards (see {@link #shardCount}).
 *
 * <p><b>Expiry.</b> Deadlines are the same for every policy: whoever finds an expired entry (a
 * read, a write to its key, the iterator) removes it if it is still mapped and reports
 * {@link RemovalCause#EXPIRED}. Without capacity pressure, each write also inspects the oldest few
 * entries of each of its shard's queues and reclaims those that expired (amortized, no thread):
 * with deadlines that grow with insertion time, the oldest entries expire first. A victim whose
 * deadline has passed is reported EXPIRED rather than CAPACITY. {@link #cleanUp()} reclaims all.
 *
 * <p><b>Reports</b> are made after the shard's lock is released, collected in a small list, once
 * per entry; capacity victims are the exception, reported under the lock as
 * {@link RemovalListener} requires. A put over a live entry is a replacement, not a removal, and is not reported.
 *
 * <p>A computation runs under its shard's lock, so it must not touch other keys of the tier
 * (another shard's key could deadlock against a computation going the other way).
 */
final class ShardedMemoryTier<K, V> implements MemoryTier<K, V> {
  /** The most shards the default sharding uses. */
  static final int MAX_DEFAULT_SHARDS = 64;
  /** How many times a writer finding its shard locked retries before it parks. */
  static final int LOCK_SPINS = 128;
  /** How many oldest entries of each queue a write inspects for expiry. */
  static final int EXPIRY_PROBES = 2;

  private final MemoryTierConfig<K, V> config;
  private final Ticker ticker;
  private final RemovalListener<K, V> listener;
  private final boolean weighted;
  /**
   * Whether entries may carry deadlines; if not, insertions skip the amortized probe of the oldest
   * entries, a likely cache miss per insertion that can find nothing (reads still check deadlines).
   */
  private final boolean expiring;
  private final long capacity;
  private final Shard<K, V>[] shards;
  private final int mask;

  private static final class Shard<K, V> {
    final ReentrantLock lock = new ReentrantLock();
    final NodeTable<K, V> table = new NodeTable<>();
    final EvictionQueue<K, V> policy;
    /** Where readers record the hits of a policy that reorders under the lock (LRU); else null. */
    final HitBuffer<K, V> hits;
    final Consumer<PolicyNode<K, V>> applyHit;
    final long capacity;
    long count;
    long weight;

    Shard(EvictionQueue<K, V> policy, long capacity) {
      this.policy = policy;
      this.hits = policy.hitNeedsLock() ? new HitBuffer<>() : null;
      this.applyHit = policy::onHit;
      this.capacity = capacity;
    }
  }

  @SuppressWarnings("unchecked")
  ShardedMemoryTier(MemoryTierConfig<K, V> config) {
    this.config = config;
    this.ticker = config.ticker();
    this.listener = config.removalListener();
    this.weighted = config.weighted();
    this.expiring = config.expiring();
    this.capacity = config.capacity();
    int count = shardCount(config.shards(), capacity, Runtime.getRuntime().availableProcessors(),
        minDefaultShare(config.policy()));
    this.shards = (Shard<K, V>[]) new Shard<?, ?>[count];
    this.mask = count - 1;
    for (int i = 0; i < count; i++) {
      long share = capacity / count + (i < capacity % count ? 1 : 0);
      shards[i] = new Shard<>(newPolicy(config, share), share);
    }
  }

  /**
   * The number of shards: {@code requested} if set, else the power of two at or above four per
   * core (at most {@value #MAX_DEFAULT_SHARDS}), halved while a shard would get less than
   * {@code minShare} of the capacity ({@link #minDefaultShare}), so that a small tier keeps the
   * behaviour of its policy instead of a handful of tiny independent caches.
   */
  static int shardCount(int requested, long capacity, int cores, long minShare) {
    if (requested > 0) {
      return requested;
    }
    int wanted = Math.max(1, 4 * cores);
    int count = Math.min(MAX_DEFAULT_SHARDS, Integer.highestOneBit(wanted - 1) << 1);
    count = Math.max(count, 1);
    while (count > 1 && capacity / count < minShare) {
      count >>= 1;
    }
    return count;
  }

  /**
   * The smallest share of the capacity the default sharding gives a shard of {@code policy}.
   * Shards are independent caches, and small ones may decide differently from one big one.
   *
   * <p>LRU, FIFO and S3-FIFO split well: the keys spread over the shards by hash, so each shard
   * sees a sample of the same stream and, holding its share of the capacity, keeps an entry about
   * as long as the whole cache would (the idea of Che's approximation). With shares of 250
   * entries and more they stayed within 0.0006 of hit ratio of one shard on the shared traces
   * (OLTP at 1,000 to 4,096 entries, gli at 1,000 to 2,000, loop at 1,250, scarab at 2,048);
   * smaller shares start to show on a loop at the edge of the cache's size (LRU on gli at 1,500
   * lost 0.0075 in 8 shards of 187). More shards is less waiting for a shard's lock: in the
   * get-put-on-miss benchmark (4,096 entries, two threads) LRU ran at 3.4-3.8M operations a second
   * on 4 shards of 1,024, 4.2-4.6M on 8 of 512 and 5.0-5.6M on 16 of 256 (three interleaved
   * rounds; Caffeine's JCache module 3.6-4.3M).
   *
   * <p>SIEVE does not: each shard's hand sweeps a different history, and on OLTP split SIEVE hits
   * more than one SIEVE of the whole capacity, by 5 points in 8 shards of 125 and still by 1.5 to
   * 2.4 points in shards of 1,024 (2,048 to 8,192 entries). At the sizes of the shared traces'
   * reference table a floor of 1,024 keeps it one shard, or within 0.01 (scarab at 100,000).
   *
   * <p>W-TinyLFU is never sharded here: {@link MemoryTiers} gives it to Caffeine.
   */
  static long minDefaultShare(EvictionPolicy policy) {
    return switch (policy) {
      case LRU, FIFO, S3FIFO -> 256;
      case SIEVE -> 1024;
      case TINYLFU -> throw notSharded();
    };
  }

  private static <K, V> EvictionQueue<K, V> newPolicy(MemoryTierConfig<K, V> config, long share) {
    return switch (config.policy()) {
      case LRU -> new LruEviction<>();
      case FIFO -> new FifoEviction<>();
      case SIEVE -> new SieveEviction<>();
      case S3FIFO -> new S3FifoEviction<>(share, config.s3Fifo());
      case TINYLFU -> throw notSharded();
    };
  }

  private static IllegalArgumentException notSharded() {
    return new IllegalArgumentException("W-TinyLFU is Caffeine's, not a sharded tier");
  }

  private Shard<K, V> shardFor(Object key) {
    int h = key.hashCode() * 0x9E3779B9;
    return shards[(h ^ (h >>> 16)) & mask];
  }

  @Override
  public MemoryEntry<K, V> get(K key) {
    Shard<K, V> shard = shardFor(key);
    PolicyNode<K, V> node = shard.table.get(key);
    if (node == null) {
      return null;
    }
    if (node.isExpired(ticker)) {
      reclaimExpired(shard, node);
      return null;
    }
    if (shard.hits != null) {
      // see HitBuffer: recorded, or applied here when the buffer is full and the lock free
      if (!shard.policy.mayDropHit(node) && !shard.hits.offer(node) && shard.lock.tryLock()) {
        try {
          boolean shared = shard.hits.drain(shard.applyHit);
          shard.policy.onHit(node);
          shard.policy.afterHits(shared);
        } finally {
          shard.lock.unlock();
        }
      }
    } else {
      shard.policy.onHit(node);
    }
    return node;
  }

  @Override
  public MemoryEntry<K, V> peek(K key) {
    Shard<K, V> shard = shardFor(key);
    PolicyNode<K, V> node = shard.table.get(key);
    if (node != null && node.isExpired(ticker)) {
      reclaimExpired(shard, node);
      return null;
    }
    return node;
  }

  /** Removes an expired node found by a reader, if no one else has, and reports it. */
  private void reclaimExpired(Shard<K, V> shard, PolicyNode<K, V> node) {
    if (removeIfMapped(shard, node)) {
      listener.onRemoval(node, RemovalCause.EXPIRED);
    }
  }

  private boolean removeIfMapped(Shard<K, V> shard, PolicyNode<K, V> node) {
    lock(shard);
    try {
      if (shard.table.get(node.key()) != node) {
        return false;
      }
      detach(shard, node);
      return true;
    } finally {
      shard.lock.unlock();
    }
  }

  @Override
  public MemoryEntry<K, V> put(K key, V value, long deadline) {
    return put(key, value, deadline, true);
  }

  @Override
  public void set(K key, V value, long deadline) {
    put(key, value, deadline, false);
  }

  /**
   * A put; {@code wantReplaced} says whether the caller needs the entry it replaced, which an
   * in-place replacement must allocate (the mapped node now holds the new value).
   */
  private MemoryEntry<K, V> put(K key, V value, long deadline, boolean wantReplaced) {
    int weight = config.weigh(key, value);
    Shard<K, V> shard = shardFor(key);
    Removals<K, V> removals;
    PolicyNode<K, V> previous;
    lock(shard);
    try {
      previous = shard.table.get(key);
      if (previous != null && deadline == Ticker.NEVER && previous.deadline() == Ticker.NEVER
          && previous.weight() == weight) {
        // the common replacement: same weight, nothing expires; see MemoryEntry#replaceValue
        V replaced = previous.value();
        ((MemoryEntry<K, V>) previous).replaceValue(value);
        shard.policy.onHit(previous);
        return wantReplaced ? new MemoryEntry<>(key, replaced, weight, Ticker.NEVER) : null;
      }
      removals = new Removals<>(); // only now: an in-place replacement removes nothing
      install(shard, previous, new PolicyNode<>(key, value, weight, deadline), removals);
    } finally {
      shard.lock.unlock();
    }
    removals.report(listener);
    if (previous != null && previous.isExpired(ticker)) {
      listener.onRemoval(previous, RemovalCause.EXPIRED);
      return null;
    }
    return previous;
  }

  /**
   * Makes {@code node} the entry of its key in place of {@code previous} (null if none), or
   * refuses it as oversized, removing {@code previous}. Holds the shard's lock.
   */
  private void install(Shard<K, V> shard, PolicyNode<K, V> previous, PolicyNode<K, V> node,
      Removals<K, V> removals) {
    if (weighted && node.weight() > capacity) {
      if (previous != null) {
        detach(shard, previous);
      }
      removals.add(node, RemovalCause.OVERSIZED);
      return;
    }
    if (previous != null) {
      shard.table.put(node);
      shard.policy.onReplace(previous, node);
      shard.weight += node.weight() - previous.weight();
    } else {
      if (expiring) {
        reclaimOldestExpired(shard, removals);
      }
      evictUntilFits(shard, node.weight(), removals);
      // absent: the caller found no node under this lock, and evictions only take nodes out
      shard.table.insert(node);
      shard.policy.onInsert(node);
      shard.count++;
      shard.weight += node.weight();
    }
    evictUntilFits(shard, 0, removals);
  }

  /** Evicts until {@code incoming} more weight fits in the shard's share. Holds the lock. */
  private void evictUntilFits(Shard<K, V> shard, long incoming, Removals<K, V> removals) {
    while (shard.weight + incoming > shard.capacity) {
      PolicyNode<K, V> victim = shard.policy.selectVictim();
      if (victim == null) {
        return;
      }
      if (victim.isExpired(ticker)) {
        removals.add(victim, RemovalCause.EXPIRED);
      } else {
        // Reported under the lock (see RemovalListener: victims reach the disk tier before any
        // later write to their key can complete) and while still in the table: a reader must
        // find the victim either here or where the listener put it (the hybrid store's write
        // queue), never in neither, or it reads the disk, which may hold an older value.
        listener.onRemoval(victim, RemovalCause.CAPACITY);
      }
      shard.table.remove(victim);
      shard.count--;
      shard.weight -= victim.weight();
    }
  }

  /** The amortized reclamation: the oldest few entries of each queue, if expired. Holds the lock. */
  private void reclaimOldestExpired(Shard<K, V> shard, Removals<K, V> removals) {
    long now = 0;
    boolean haveNow = false;
    for (int queue = 0; queue < shard.policy.queueCount(); queue++) {
      for (int probe = 0; probe < EXPIRY_PROBES; probe++) {
        PolicyNode<K, V> oldest = shard.policy.oldest(queue);
        if (oldest == null || oldest.deadline() == Ticker.NEVER) {
          break;
        }
        if (!haveNow) {
          now = ticker.read();
          haveNow = true;
        }
        if (!oldest.isExpired(now)) {
          break;
        }
        detach(shard, oldest);
        removals.add(oldest, RemovalCause.EXPIRED);
      }
    }
  }

  /**
   * Takes the shard's lock and applies the hits readers recorded meanwhile, so that whatever the
   * holder decides sees every recorded access (see {@link HitBuffer}).
   */
  private static <K, V> void lock(Shard<K, V> shard) {
    if (!shard.lock.tryLock()) {
      acquireContended(shard.lock);
    }
    if (shard.hits != null) {
      shard.policy.afterHits(shard.hits.drain(shard.applyHit));
    }
  }

  /**
   * Spins a little before parking: a shard's critical section (one insertion and its evictions) is
   * a fraction of a microsecond, while parking and being unparked cost several microseconds of
   * system calls, more than the wait itself. Profiling the get-put-on-miss benchmark on two threads
   * found the writers parked in {@code ReentrantLock.lock} for a large share of their time; Caffeine's
   * writers never wait for its eviction lock, so they paid no such cost. If the holder is
   * descheduled the spin is lost, and the thread parks as before.
   */
  private static void acquireContended(ReentrantLock lock) {
    for (int spin = 0; spin < LOCK_SPINS; spin++) {
      Thread.onSpinWait();
      if (!lock.isLocked() && lock.tryLock()) {
        return;
      }
    }
    lock.lock();
  }

  /**
   * The shard's entries at one moment, copied under its lock: iteration then runs without the
   * lock, and a resize of the shard's table while it runs cannot make it skip or repeat an entry.
   */
  private static <K, V> List<PolicyNode<K, V>> snapshot(Shard<K, V> shard) {
    lock(shard);
    try {
      return shard.table.snapshot();
    } finally {
      shard.lock.unlock();
    }
  }

  /** Takes {@code node} out of its shard's map and queues. Holds the lock. */
  private static <K, V> void detach(Shard<K, V> shard, PolicyNode<K, V> node) {
    shard.table.remove(node);
    shard.policy.onRemove(node);
    shard.count--;
    shard.weight -= node.weight();
  }

  @Override
  public MemoryEntry<K, V> remove(K key) {
    Shard<K, V> shard = shardFor(key);
    PolicyNode<K, V> removed;
    lock(shard);
    try {
      removed = shard.table.get(key);
      if (removed != null) {
        detach(shard, removed);
      }
    } finally {
      shard.lock.unlock();
    }
    if (removed == null) {
      return null;
    }
    if (removed.isExpired(ticker)) {
      listener.onRemoval(removed, RemovalCause.EXPIRED);
      return null;
    }
    listener.onRemoval(removed, RemovalCause.EXPLICIT);
    return removed;
  }

  @Override
  public <R> R compute(K key, EntryComputation<K, V, R> computation) {
    Shard<K, V> shard = shardFor(key);
    ComputeSlot<K, V> slot = new ComputeSlot<>(key);
    Removals<K, V> removals = new Removals<>();
    R result;
    lock(shard);
    try {
      PolicyNode<K, V> found = shard.table.get(key);
      boolean canExpire = found != null && found.deadline() != Ticker.NEVER;
      slot.begin(found, canExpire ? ticker.read() : 0L);
      if (slot.expired() != null) {
        detach(shard, found);
      }
      result = computation.apply(slot);
      @SuppressWarnings("unchecked")
      PolicyNode<K, V> current = (PolicyNode<K, V>) slot.current();
      if (slot.wantsPut()) {
        V value = slot.newValue();
        PolicyNode<K, V> node =
            slot.newEntry(new PolicyNode<>(key, value, config.weigh(key, value), slot.newDeadline()));
        install(shard, current, node, removals);
      } else if (slot.wantsRenew()) {
        current.setDeadline(slot.newDeadline());
      } else if (slot.wantsRemove() && current != null) {
        detach(shard, current);
        slot.markRemoved();
      }
    } finally {
      shard.lock.unlock();
      // The expired entry is gone even if the computation threw, so it is reported either way.
      slot.report(listener);
    }
    removals.report(listener);
    return result;
  }

  @Override
  public boolean renew(MemoryEntry<K, V> entry, long deadline) {
    if (!(entry instanceof PolicyNode)) {
      return false;
    }
    Shard<K, V> shard = shardFor(entry.key());
    boolean expired;
    lock(shard);
    try {
      if (shard.table.get(entry.key()) != entry) {
        return false;
      }
      expired = entry.isExpired(ticker);
      if (expired) {
        detach(shard, (PolicyNode<K, V>) entry);
      } else {
        entry.setDeadline(deadline);
      }
    } finally {
      shard.lock.unlock();
    }
    if (expired) {
      listener.onRemoval(entry, RemovalCause.EXPIRED);
      return false;
    }
    return true;
  }

  @Override
  public Iterator<MemoryEntry<K, V>> iterator() {
    return new EntryIterator<>() {
      private int shardIndex = -1;
      private Iterator<PolicyNode<K, V>> inShard = Collections.emptyIterator();

      @Override
      protected MemoryEntry<K, V> advance() {
        while (true) {
          while (!inShard.hasNext()) {
            if (shardIndex + 1 >= shards.length) {
              return null;
            }
            shardIndex++;
            inShard = snapshot(shards[shardIndex]).iterator();
          }
          PolicyNode<K, V> candidate = inShard.next();
          if (!candidate.isExpired(ticker)) {
            return candidate;
          }
          reclaimExpired(shards[shardIndex], candidate);
        }
      }

      @Override
      @SuppressWarnings("unchecked")
      protected void removeEntry(MemoryEntry<K, V> entry) {
        if (removeIfMapped(shardFor(entry.key()), (PolicyNode<K, V>) entry)) {
          listener.onRemoval(entry, RemovalCause.EXPLICIT);
        }
      }
    };
  }

  @Override
  public long size() {
    long total = 0;
    for (Shard<K, V> shard : shards) {
      lock(shard);
      try {
        total += shard.count;
      } finally {
        shard.lock.unlock();
      }
    }
    return total;
  }

  @Override
  public long weightedSize() {
    long total = 0;
    for (Shard<K, V> shard : shards) {
      lock(shard);
      try {
        total += shard.weight;
      } finally {
        shard.lock.unlock();
      }
    }
    return total;
  }

  @Override
  public long capacity() {
    return capacity;
  }

  @Override
  public void clear() {
    for (Shard<K, V> shard : shards) {
      lock(shard);
      try {
        shard.policy.clear();
        shard.table.clear();
        shard.count = 0;
        shard.weight = 0;
      } finally {
        shard.lock.unlock();
      }
    }
  }

  @Override
  public void cleanUp() {
    for (Shard<K, V> shard : shards) {
      Removals<K, V> removals = new Removals<>();
      lock(shard);
      try {
        long now = ticker.read();
        for (PolicyNode<K, V> node : shard.table.snapshot()) {
          if (node.isExpired(now)) {
            detach(shard, node);
            removals.add(node, RemovalCause.EXPIRED);
          }
        }
      } finally {
        shard.lock.unlock();
      }
      removals.report(listener);
    }
  }

  @Override
  public void close() {
    clear();
  }

  // ---- test-only views ----

  int shardCount() {
    return shards.length;
  }

  /** The policy of a shard, its recorded hits applied first. */
  EvictionQueue<K, V> policy(int shard) {
    lock(shards[shard]);
    shards[shard].lock.unlock();
    return shards[shard].policy;
  }

  long shardCapacity(int shard) {
    return shards[shard].capacity;
  }

  /**
   * Checks, shard by shard under its lock, that the map, the queues, the count and the weight agree,
   * that every mapped node is in exactly one queue of the right shard, and that each shard is
   * within its share of the bound. Throws {@link IllegalStateException} on the first violation.
   */
  void checkIntegrity() {
    for (int i = 0; i < shards.length; i++) {
      Shard<K, V> shard = shards[i];
      lock(shard);
      try {
        Set<PolicyNode<K, V>> queued = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int queue = 0; queue < shard.policy.queueCount(); queue++) {
          for (PolicyNode<K, V> node : shard.policy.snapshot(queue)) {
            check(queued.add(node), "shard " + i + ": " + node + " is in two queues");
            check(shard.table.get(node.key()) == node, "shard " + i + ": queued " + node + " is not mapped");
          }
        }
        long weight = 0;
        List<PolicyNode<K, V>> mapped = shard.table.snapshot();
        for (PolicyNode<K, V> node : mapped) {
          check(shard.table.get(node.key()) == node, "shard " + i + ": " + node + " is chained but not found by its key");
          check(queued.contains(node), "shard " + i + ": mapped " + node + " is in no queue");
          check(shardFor(node.key()) == shard, "shard " + i + ": " + node + " belongs to another shard");
          weight += node.weight();
        }
        check(mapped.size() == shard.count && shard.table.size() == shard.count, "shard " + i
            + ": table chains " + mapped.size() + " and says " + shard.table.size() + ", count says " + shard.count);
        check(queued.size() == shard.count, "shard " + i + ": queues hold " + queued.size()
            + ", count says " + shard.count);
        check(weight == shard.weight, "shard " + i + ": entries weigh " + weight + ", weight says " + shard.weight);
        check(shard.weight <= shard.capacity, "shard " + i + ": weight " + shard.weight
            + " over its share " + shard.capacity);
        shard.policy.checkIntegrity();
      } finally {
        shard.lock.unlock();
      }
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  /** The entries that left during one operation, reported once its lock is released. */
  private static final class Removals<K, V> {
    private List<MemoryEntry<K, V>> entries;
    private List<RemovalCause> causes;

    void add(MemoryEntry<K, V> entry, RemovalCause cause) {
      if (entries == null) {
        entries = new ArrayList<>(4);
        causes = new ArrayList<>(4);
      }
      entries.add(entry);
      causes.add(cause);
    }

    void report(RemovalListener<K, V> listener) {
      if (entries != null) {
        for (int i = 0; i < entries.size(); i++) {
          listener.onRemoval(entries.get(i), causes.get(i));
        }
      }
    }
  }
}
