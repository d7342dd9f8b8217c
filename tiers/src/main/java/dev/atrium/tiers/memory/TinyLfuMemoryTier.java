package dev.atrium.tiers.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import dev.atrium.tiers.EntryIterator;
import java.util.Iterator;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The W-TinyLFU memory tier: Caffeine (Einziger, Friedman, Manes, "TinyLFU: A Highly Efficient
 * Cache Admission Policy", TOS 2017) used as it is, not re-implemented.
 *
 * <p><b>Expiry.</b> Deadlines are ours: every read checks the entry's deadline against the tier's
 * ticker, so an expired entry is never returned, and the reader that finds it removes it and
 * reports it (the JCache layer turns that into an expiry event in the reader's own thread).
 * Caffeine's variable expiry reclaims the entries that nobody reads, {@link #EXPIRY_GRACE_NANOS}
 * after their deadline: the grace leaves the common case, a read shortly after the deadline, to
 * the reader, so that reports come from the thread that saw the expiry and not from Caffeine's
 * maintenance.
 *
 * <p><b>Concurrency.</b> Caffeine's: lock-free reads, per-key atomic writes through the
 * underlying {@code ConcurrentHashMap}. Caffeine's maintenance runs on the calling threads (the
 * tier starts no thread): what a write needs, its evictions, before the write returns; the
 * draining of reads later, batched ({@link TinyLfuMaintenance} says when and why). Every write
 * and read therefore tells {@link #maintenance} it happened.
 */
final class TinyLfuMemoryTier<K, V> implements MemoryTier<K, V> {
  /** How long after its deadline Caffeine reclaims an expired entry that nobody read. */
  static final long EXPIRY_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final MemoryTierConfig<K, V> config;
  private final RemovalListener<K, V> listener;
  private final Cache<K, MemoryEntry<K, V>> cache;
  private final ConcurrentMap<K, MemoryEntry<K, V>> map;
  private final Policy<K, MemoryEntry<K, V>> policy;
  private final TinyLfuMaintenance maintenance;

  TinyLfuMemoryTier(MemoryTierConfig<K, V> config) {
    this.config = config;
    this.listener = config.removalListener();
    this.maintenance = new TinyLfuMaintenance(config.capacity());
    Caffeine<Object, Object> builder = Caffeine.newBuilder()
        .executor(maintenance)
        .ticker(config.ticker()::read);
    if (config.weighted()) {
      builder.maximumWeight(config.capacity());
    } else {
      builder.maximumSize(config.capacity());
    }
    @SuppressWarnings("unchecked")
    Caffeine<K, MemoryEntry<K, V>> typed = config.weighted()
        ? builder.weigher((K key, MemoryEntry<K, V> entry) -> entry.weight())
        : (Caffeine<K, MemoryEntry<K, V>>) (Caffeine<?, ?>) builder;
    if (config.expiring()) {
      // only a tier whose entries can expire pays for Caffeine's timer wheel on every access
      typed = typed.expireAfter(new DeadlineExpiry<>());
    }
    this.cache = typed
        .evictionListener((K key, MemoryEntry<K, V> entry,
            com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
          if (entry != null) {
            listener.onRemoval(entry, cause == com.github.benmanes.caffeine.cache.RemovalCause.EXPIRED
                ? RemovalCause.EXPIRED : RemovalCause.CAPACITY);
          }
        })
        .build();
    this.map = cache.asMap();
    this.policy = cache.policy();
  }

  /** When Caffeine's maintenance runs (for tests). */
  TinyLfuMaintenance maintenance() {
    return maintenance;
  }

  /** Caffeine's expiry: the entry's own deadline plus the grace. */
  private static final class DeadlineExpiry<K, V> implements Expiry<K, MemoryEntry<K, V>> {
    @Override
    public long expireAfterCreate(K key, MemoryEntry<K, V> entry, long now) {
      return untilReclaim(entry, now);
    }

    @Override
    public long expireAfterUpdate(K key, MemoryEntry<K, V> entry, long now, long remaining) {
      return untilReclaim(entry, now);
    }

    @Override
    public long expireAfterRead(K key, MemoryEntry<K, V> entry, long now, long remaining) {
      return remaining;
    }

    private static long untilReclaim(MemoryEntry<?, ?> entry, long now) {
      long deadline = entry.deadline();
      if (deadline == dev.atrium.tiers.Ticker.NEVER) {
        return Long.MAX_VALUE;
      }
      long left = Math.max(0, deadline - now);
      return left > Long.MAX_VALUE - EXPIRY_GRACE_NANOS ? Long.MAX_VALUE : left + EXPIRY_GRACE_NANOS;
    }
  }

  @Override
  public MemoryEntry<K, V> get(K key) {
    MemoryEntry<K, V> entry = cache.getIfPresent(key);
    maintenance.afterRead();
    return live(entry);
  }

  @Override
  public MemoryEntry<K, V> peek(K key) {
    return live(policy.getIfPresentQuietly(key));
  }

  /** The entry if it is live; an expired one is removed and reported here, by its reader. */
  private MemoryEntry<K, V> live(MemoryEntry<K, V> entry) {
    if (entry == null) {
      return null;
    }
    if (entry.isExpired(config.ticker())) {
      if (removeExactly(entry)) {
        listener.onRemoval(entry, RemovalCause.EXPIRED);
      }
      return null;
    }
    return entry;
  }

  @Override
  public MemoryEntry<K, V> put(K key, V value, long deadline) {
    int weight = config.weigh(key, value);
    MemoryEntry<K, V> created = new MemoryEntry<>(key, value, weight, deadline);
    MemoryEntry<K, V> previous;
    TinyLfuMaintenance.Caller scope = maintenance.enter();
    try {
      if (config.weighted() && weight > config.capacity()) {
        previous = map.remove(key);
        listener.onRemoval(created, RemovalCause.OVERSIZED);
      } else {
        previous = map.put(key, created);
      }
    } finally {
      maintenance.exit(scope);
    }
    return replaced(previous);
  }

  /** Removes {@code entry} if it is still the one mapped; returns whether it was. */
  private boolean removeExactly(MemoryEntry<K, V> entry) {
    TinyLfuMaintenance.Caller scope = maintenance.enter();
    try {
      return map.remove(entry.key(), entry);
    } finally {
      maintenance.exit(scope);
    }
  }

  /** The entry a write displaced, if it was live; an expired one is reported as such. */
  private MemoryEntry<K, V> replaced(MemoryEntry<K, V> previous) {
    if (previous != null && previous.isExpired(config.ticker())) {
      listener.onRemoval(previous, RemovalCause.EXPIRED);
      return null;
    }
    return previous;
  }

  @Override
  public MemoryEntry<K, V> remove(K key) {
    MemoryEntry<K, V> removed;
    TinyLfuMaintenance.Caller scope = maintenance.enter();
    try {
      removed = map.remove(key);
    } finally {
      maintenance.exit(scope);
    }
    MemoryEntry<K, V> previous = replaced(removed);
    if (previous != null) {
      listener.onRemoval(previous, RemovalCause.EXPLICIT);
    }
    return previous;
  }

  @Override
  public <R> R compute(K key, EntryComputation<K, V, R> computation) {
    ComputeSlot<K, V> slot = new ComputeSlot<>(key);
    @SuppressWarnings("unchecked")
    R[] result = (R[]) new Object[1];
    TinyLfuMaintenance.Caller scope = maintenance.enter();
    try {
      map.compute(key, (k, found) -> {
        slot.begin(found, config.ticker().read());
        result[0] = computation.apply(slot);
        return slot.outcome(config);
      });
    } finally {
      maintenance.exit(scope);
    }
    slot.report(listener);
    return result[0];
  }

  @Override
  public boolean renew(MemoryEntry<K, V> entry, long deadline) {
    boolean[] renewed = new boolean[1];
    TinyLfuMaintenance.Caller scope = maintenance.enter();
    try {
      map.computeIfPresent(entry.key(), (key, found) -> {
        if (found != entry) {
          return found;
        }
        renewed[0] = true;
        return new MemoryEntry<>(key, found.value(), found.weight(), deadline);
      });
    } finally {
      maintenance.exit(scope);
    }
    return renewed[0];
  }

  @Override
  public Iterator<MemoryEntry<K, V>> iterator() {
    Iterator<MemoryEntry<K, V>> all = map.values().iterator();
    return new EntryIterator<>() {
      @Override
      protected MemoryEntry<K, V> advance() {
        while (all.hasNext()) {
          MemoryEntry<K, V> entry = live(all.next());
          if (entry != null) {
            return entry;
          }
        }
        return null;
      }

      @Override
      protected void removeEntry(MemoryEntry<K, V> entry) {
        if (removeExactly(entry)) {
          listener.onRemoval(entry, RemovalCause.EXPLICIT);
        }
      }
    };
  }

  @Override
  public long size() {
    return cache.estimatedSize();
  }

  @Override
  public long weightedSize() {
    return config.weighted()
        ? policy.eviction().flatMap(e -> e.weightedSize().stream().boxed().findFirst()).orElse(0L)
        : cache.estimatedSize();
  }

  @Override
  public long capacity() {
    return config.capacity();
  }

  @Override
  public void clear() {
    TinyLfuMaintenance.Caller scope = maintenance.enter();
    try {
      map.clear();
    } finally {
      maintenance.exit(scope);
    }
  }

  @Override
  public void cleanUp() {
    TinyLfuMaintenance.Caller scope = maintenance.enter();
    try {
      cache.cleanUp();
    } finally {
      maintenance.exit(scope);
    }
    long now = config.ticker().read();
    for (MemoryEntry<K, V> entry : map.values()) {
      if (entry.isExpired(now) && removeExactly(entry)) {
        listener.onRemoval(entry, RemovalCause.EXPIRED);
      }
    }
  }

  @Override
  public void close() {
    clear();
    cleanUp();
  }
}
