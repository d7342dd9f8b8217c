package dev.atrium.jcache;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import dev.atrium.jcache.configuration.TierShapes;
import dev.atrium.jcache.copy.Copier;
import dev.atrium.jcache.copy.SerializingCopier;
import dev.atrium.jcache.event.EventDispatcher;
import dev.atrium.jcache.expiry.ExpiryCalculator;
import dev.atrium.jcache.integration.ReadThrough;
import dev.atrium.jcache.integration.WriteThrough;
import dev.atrium.jcache.management.CacheConfigurationBean;
import dev.atrium.jcache.management.CacheStatistics;
import dev.atrium.jcache.management.JmxRegistration;
import dev.atrium.jcache.processor.EntryAction;
import dev.atrium.jcache.processor.ProcessedEntry;
import dev.atrium.jcache.processor.ProcessorResult;
import dev.atrium.jcache.spi.AtriumCacheManager;
import dev.atrium.tiers.CacheStore;
import dev.atrium.tiers.Ticker;
import dev.atrium.tiers.memory.EntrySlot;
import dev.atrium.tiers.memory.MemoryEntry;
import dev.atrium.tiers.memory.RemovalCause;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * A JCache {@link Cache} over Atrium's memory tier.
 *
 * <p><b>How an operation runs.</b> Every write, and every read that must decide something
 * (conditional operations, {@code invoke}), runs as one {@link CacheStore#compute} on its key: the
 * tier holds the key while the JCache rules decide (writer first, then expiry, then the change), so
 * each operation is atomic per key. What the rules decided is recorded in an {@link Outcome} and
 * published after the key is released: listeners and statistics never run under a tier lock.
 * Plain reads take no lock: {@code get} is one tier lookup, plus a deadline renewal only when the
 * expiry policy asks for one on access.
 *
 * <p><b>Values.</b> The tier holds what the cache stores: the caller's object under
 * store-by-reference, a private copy under store-by-value (copied in on writes and out on reads,
 * see {@link Copier}). Expiry is translated into tier deadlines by {@link ExpiryCalculator}; the
 * tier reports the expired entries it finds, which become {@code EXPIRED} events.
 */
public final class AtriumCache<K, V> implements Cache<K, V> {
  private static final Logger LOG = Logger.getLogger(AtriumCache.class.getName());

  private final String name;
  private final AtriumCacheManager manager;
  private final AtriumConfiguration<K, V> configuration;
  private final CacheStore<K, V> tier;
  private final ExpiryCalculator expiry;
  private final ExpiryPolicy expiryPolicy;
  private final ReadThrough<K, V> readThrough;
  private final CacheLoader<K, V> loader;
  private final WriteThrough<K, V> writeThrough;
  private final EventDispatcher<K, V> events;
  private final CacheStatistics statistics = new CacheStatistics();
  private final Copier copier;
  private final ClassLoader classLoader;
  private volatile boolean closed;

  public AtriumCache(AtriumCacheManager manager, String name, AtriumConfiguration<K, V> configuration,
      Ticker ticker) {
    this.manager = manager;
    this.name = name;
    this.configuration = configuration;
    this.classLoader = manager.getClassLoader();
    this.copier = configuration.isStoreByValue() ? SerializingCopier.INSTANCE : Copier.identity();
    this.expiryPolicy = configuration.getExpiryPolicyFactory().create();
    this.expiry = new ExpiryCalculator(expiryPolicy, ticker);
    this.loader = configuration.getCacheLoaderFactory() == null
        ? null : configuration.getCacheLoaderFactory().create();
    this.readThrough = (configuration.isReadThrough() && loader != null) ? new ReadThrough<>(loader) : null;
    CacheWriter<? super K, ? super V> writer = (configuration.isWriteThrough()
        && configuration.getCacheWriterFactory() != null)
        ? configuration.getCacheWriterFactory().create() : null;
    this.writeThrough = writer == null ? null : new WriteThrough<>(writer);
    this.events = new EventDispatcher<>(name);
    this.events.source(this);
    for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
      events.register(listener);
    }
    this.statistics.setEnabled(configuration.isStatisticsEnabled());
    try {
      this.tier = TierShapes.store(configuration, ticker, this::onTierRemoval, !expiry.isEternal(),
          manager.getURI() + "/" + name, classLoader);
    } catch (RuntimeException | Error e) {
      events.close(); // the listeners' threads must not outlive a cache that failed to open
      throw e;
    }
  }

  /** Victims and expired entries that the tier reports. */
  private void onTierRemoval(MemoryEntry<K, V> entry, RemovalCause cause) {
    switch (cause) {
      case EXPIRED -> events.expired(entry.key(), entry.value());
      case CAPACITY, OVERSIZED -> statistics.recordEvictions(1);
      case EXPLICIT -> { } // the operation that removed it publishes the JCache event itself
    }
  }

  // ---------------------------------------------------------------- reads

  @Override
  public V get(K key) {
    requireOpen();
    requireKey(key);
    long start = statistics.isEnabled() ? System.nanoTime() : 0L;
    V value = read(key);
    if (start != 0L) {
      statistics.recordGetTime(System.nanoTime() - start);
    }
    return value;
  }

  /** A get without timing: hit, or miss then read-through. */
  private V read(K key) {
    MemoryEntry<K, V> entry = tier.get(key);
    if (entry != null) {
      accessed(entry);
      statistics.recordHits(1);
      return copyOut(entry.value());
    }
    statistics.recordMisses(1);
    return readThrough == null ? null : copyOut(readThrough.load(key, loaded -> install(key, loaded)));
  }

  /** Renews the deadline of an entry that was read, if the expiry policy asks for it. */
  private void accessed(MemoryEntry<K, V> entry) {
    if (!expiry.isEternal()) {
      long deadline = expiry.onAccess(entry.deadline(), expiry.now());
      if (deadline != entry.deadline()) {
        tier.renew(entry, deadline);
      }
    }
  }

  /** Stores a loaded value unless a value appeared meanwhile; returns what readers should see. */
  private V install(K key, V loaded) {
    V stored = copyIn(loaded);
    Outcome<V> outcome = new Outcome<>();
    tier.compute(copyKey(key), slot -> {
      if (slot.current() != null) {
        outcome.result = slot.current().value();
        return null;
      }
      create(slot, stored, expiry.now(), outcome);
      outcome.result = stored;
      return null;
    });
    publish(key, outcome);
    return outcome.result;
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    requireOpen();
    requireNoNulls(keys);
    long start = statistics.isEnabled() ? System.nanoTime() : 0L;
    Map<K, V> result = new HashMap<>(keys.size() * 2);
    List<K> missing = new ArrayList<>();
    for (K key : keys) {
      MemoryEntry<K, V> entry = tier.get(key);
      if (entry != null) {
        accessed(entry);
        result.put(key, copyOut(entry.value()));
      } else {
        missing.add(key);
      }
    }
    statistics.recordHits(result.size());
    statistics.recordMisses(missing.size());
    if (readThrough != null && !missing.isEmpty()) {
      Map<K, V> loaded = readThrough.loadAll(missing);
      if (loaded != null) {
        for (Map.Entry<K, V> entry : loaded.entrySet()) {
          if (entry.getKey() != null && entry.getValue() != null) {
            result.put(entry.getKey(), copyOut(install(entry.getKey(), entry.getValue())));
          }
        }
      }
    }
    if (start != 0L) {
      statistics.recordGetTime(System.nanoTime() - start);
    }
    return result;
  }

  @Override
  public boolean containsKey(K key) {
    requireOpen();
    requireKey(key);
    return tier.peek(key) != null;
  }

  @Override
  public void loadAll(Set<? extends K> keys, boolean replaceExistingValues,
      CompletionListener completionListener) {
    requireOpen();
    requireNoNulls(keys);
    CompletionListener listener = completionListener == null ? NO_COMPLETION : completionListener;
    if (loader == null) {
      listener.onCompletion();
      return;
    }
    ReadThrough<K, V> loading = readThrough == null ? new ReadThrough<>(loader) : readThrough;
    List<K> toLoad = new ArrayList<>(keys);
    ForkJoinPool.commonPool().execute(() -> {
      try {
        if (!replaceExistingValues) {
          toLoad.removeIf(this::containsKey);
        }
        if (!toLoad.isEmpty()) {
          Map<K, V> loaded = loading.loadAll(toLoad);
          if (loaded != null) {
            for (Map.Entry<K, V> entry : loaded.entrySet()) {
              if (entry.getKey() == null || entry.getValue() == null) {
                continue;
              }
              if (replaceExistingValues) {
                store(entry.getKey(), copyIn(entry.getValue()), false, false);
              } else {
                install(entry.getKey(), entry.getValue());
              }
            }
          }
        }
        listener.onCompletion();
      } catch (Exception e) {
        listener.onException(ReadThrough.asLoaderException(e));
      }
    });
  }

  private static final CompletionListener NO_COMPLETION = new CompletionListener() {
    @Override
    public void onCompletion() {}

    @Override
    public void onException(Exception e) {
      LOG.log(Level.WARNING, "loadAll failed and nobody listened for its completion", e);
    }
  };

  // ---------------------------------------------------------------- writes

  @Override
  public void put(K key, V value) {
    requireOpen();
    requireKeyValue(key, value);
    long start = statistics.isEnabled() ? System.nanoTime() : 0L;
    store(key, copyIn(value), writeThrough != null, false);
    if (start != 0L) {
      statistics.recordPutTime(System.nanoTime() - start);
    }
  }

  @Override
  public V getAndPut(K key, V value) {
    requireOpen();
    requireKeyValue(key, value);
    long start = statistics.isEnabled() ? System.nanoTime() : 0L;
    V previous = store(key, copyIn(value), writeThrough != null, true);
    if (start != 0L) {
      long elapsed = System.nanoTime() - start;
      statistics.recordPutTime(elapsed);
      statistics.recordGetTime(elapsed);
    }
    return copyOut(previous);
  }

  /**
   * Maps {@code key} to the already-copied {@code stored}: write-through first (when asked), then
   * the creation or update deadline. Returns the value it replaced.
   */
  private V store(K key, V stored, boolean write, boolean countGet) {
    if (!write && !countGet && expiry.isEternal() && !events.hasListeners()) {
      // nothing to decide under the key (no writer, no deadline to compute, nobody to tell):
      // the tier's own atomic put is enough, and much cheaper than a computation
      tier.set(copyKey(key), stored, Ticker.NEVER);
      statistics.recordPuts(1);
      return null;
    }
    Outcome<V> outcome = new Outcome<>();
    tier.compute(copyKey(key), slot -> {
      MemoryEntry<K, V> current = slot.current();
      if (write) {
        writeThrough.write(new AtriumCacheEntry<>(key, stored));
      }
      long now = expiry.now();
      if (current == null) {
        create(slot, stored, now, outcome);
      } else {
        slot.put(stored, expiry.onUpdate(current.deadline(), now));
        outcome.updated(current.value(), stored);
      }
      return null;
    });
    if (countGet) {
      recordPresence(outcome.old != null);
    }
    statistics.recordPuts(outcome.puts);
    publish(key, outcome);
    return outcome.old;
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    requireOpen();
    Objects.requireNonNull(map, "map");
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      requireKeyValue(entry.getKey(), entry.getValue());
    }
    long start = statistics.isEnabled() ? System.nanoTime() : 0L;
    List<Cache.Entry<K, V>> entries = new ArrayList<>(map.size());
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      entries.add(new AtriumCacheEntry<>(entry.getKey(), copyIn(entry.getValue())));
    }
    CacheWriterException failure = null;
    Collection<Cache.Entry<K, V>> written = entries;
    if (writeThrough != null) {
      written = new ArrayList<>(entries.size());
      failure = writeThrough.writeAll(entries, written);
    }
    for (Cache.Entry<K, V> entry : written) {
      store(entry.getKey(), entry.getValue(), false, false);
    }
    if (start != 0L) {
      statistics.recordPutTime(System.nanoTime() - start);
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    requireOpen();
    requireKeyValue(key, value);
    long start = statistics.isEnabled() ? System.nanoTime() : 0L;
    V stored = copyIn(value);
    Outcome<V> outcome = new Outcome<>();
    tier.compute(copyKey(key), slot -> {
      if (slot.current() != null) {
        outcome.found = true;
        return null;
      }
      if (writeThrough != null) {
        writeThrough.write(new AtriumCacheEntry<>(key, stored));
      }
      create(slot, stored, expiry.now(), outcome);
      return null;
    });
    recordPresence(outcome.found);
    statistics.recordPuts(outcome.puts);
    if (start != 0L) {
      statistics.recordPutTime(System.nanoTime() - start);
    }
    publish(key, outcome);
    return !outcome.found;
  }

  @Override
  public boolean remove(K key) {
    requireOpen();
    requireKey(key);
    long start = statistics.isEnabled() ? System.nanoTime() : 0L;
    Outcome<V> outcome = removeEntry(key, writeThrough != null);
    if (start != 0L) {
      statistics.recordRemoveTime(System.nanoTime() - start);
    }
    return outcome.old != null;
  }

  /** Removes {@code key} (deleting through the writer when asked, present or not). */
  private Outcome<V> removeEntry(K key, boolean delete) {
    Outcome<V> outcome = new Outcome<>();
    tier.compute(key, slot -> {
      if (delete) {
        writeThrough.delete(key);
      }
      MemoryEntry<K, V> current = slot.current();
      // removed even when it reads as absent: a lower tier that failed to read may still hold a
      // copy, and the removal must make it unreachable for when that tier recovers
      slot.remove();
      if (current != null) {
        outcome.removed(current.value());
      }
      return null;
    });
    statistics.recordRemovals(outcome.removals);
    publish(key, outcome);
    return outcome;
  }

  @Override
  public boolean remove(K key, V oldValue) {
    requireOpen();
    requireKeyValue(key, oldValue);
    long start = statistics.isEnabled() ? System.nanoTime() : 0L;
    Outcome<V> outcome = ifValueEquals(key, oldValue, (slot, current, result) -> {
      if (writeThrough != null) {
        writeThrough.delete(key);
      }
      slot.remove();
      result.removed(current.value());
    });
    statistics.recordRemovals(outcome.removals);
    if (start != 0L) {
      statistics.recordRemoveTime(System.nanoTime() - start);
    }
    publish(key, outcome);
    return outcome.removals != 0;
  }

  @Override
  public V getAndRemove(K key) {
    requireOpen();
    requireKey(key);
    long start = statistics.isEnabled() ? System.nanoTime() : 0L;
    Outcome<V> outcome = removeEntry(key, writeThrough != null);
    recordPresence(outcome.old != null);
    if (start != 0L) {
      long elapsed = System.nanoTime() - start;
      statistics.recordRemoveTime(elapsed);
      statistics.recordGetTime(elapsed);
    }
    return copyOut(outcome.old);
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    requireOpen();
    requireKeyValue(key, oldValue);
    requireValue(newValue);
    long start = statistics.isEnabled() ? System.nanoTime() : 0L;
    V stored = copyIn(newValue);
    Outcome<V> outcome = ifValueEquals(copyKey(key), oldValue,
        (slot, current, result) -> update(slot, current, stored, result));
    statistics.recordPuts(outcome.puts);
    if (start != 0L) {
      statistics.recordPutTime(System.nanoTime() - start);
    }
    publish(key, outcome);
    return outcome.puts != 0;
  }

  /** What a conditional operation does to an entry whose value matched. */
  @FunctionalInterface
  private interface OnMatch<K, V> {
    void apply(EntrySlot<K, V> slot, MemoryEntry<K, V> current, Outcome<V> outcome);
  }

  /**
   * The common part of {@code remove(k, v)} and {@code replace(k, v, v2)}: atomically, if the key
   * is present with a value equal to {@code expected}, {@code onMatch}; if present with another
   * value, the read counts as an access (the spec's expiry rule). Records hit or miss by presence.
   */
  private Outcome<V> ifValueEquals(K storedKey, V expected, OnMatch<K, V> onMatch) {
    Outcome<V> outcome = new Outcome<>();
    tier.compute(storedKey, slot -> {
      MemoryEntry<K, V> current = slot.current();
      if (current == null) {
        return null;
      }
      outcome.found = true;
      if (!Objects.equals(current.value(), expected)) {
        renewOnAccess(slot, current);
        return null;
      }
      onMatch.apply(slot, current, outcome);
      return null;
    });
    recordPresence(outcome.found);
    return outcome;
  }

  @Override
  public boolean replace(K key, V value) {
    return replaceExisting(key, value) != null;
  }

  @Override
  public V getAndReplace(K key, V value) {
    return copyOut(replaceExisting(key, value));
  }

  /** Replaces the value of a present key; returns the value it replaced, or null if absent. */
  private V replaceExisting(K key, V value) {
    requireOpen();
    requireKeyValue(key, value);
    long start = statistics.isEnabled() ? System.nanoTime() : 0L;
    V stored = copyIn(value);
    Outcome<V> outcome = new Outcome<>();
    tier.compute(copyKey(key), slot -> {
      MemoryEntry<K, V> current = slot.current();
      if (current != null) {
        update(slot, current, stored, outcome);
      }
      return null;
    });
    recordPresence(outcome.old != null);
    statistics.recordPuts(outcome.puts);
    if (start != 0L) {
      statistics.recordPutTime(System.nanoTime() - start);
    }
    publish(key, outcome);
    return outcome.old;
  }

  /**
   * Creates the entry with the policy's creation deadline; an expiry of ZERO (a deadline already
   * past) stores nothing and counts nothing, as the spec says.
   */
  private void create(EntrySlot<K, V> slot, V stored, long now, Outcome<V> outcome) {
    long deadline = expiry.onCreation(now);
    if (!Ticker.isExpired(deadline, now)) {
      slot.put(stored, deadline);
      outcome.created(stored);
    }
  }

  /** Updates a present entry inside a computation: write-through, then the update deadline. */
  private void update(EntrySlot<K, V> slot, MemoryEntry<K, V> current, V stored, Outcome<V> outcome) {
    if (writeThrough != null) {
      writeThrough.write(new AtriumCacheEntry<>(slot.key(), stored));
    }
    slot.put(stored, expiry.onUpdate(current.deadline(), expiry.now()));
    outcome.updated(current.value(), stored);
  }

  /** A failed conditional operation counts as an access of the entry it read. */
  private void renewOnAccess(EntrySlot<K, V> slot, MemoryEntry<K, V> current) {
    if (!expiry.isEternal()) {
      long deadline = expiry.onAccess(current.deadline(), expiry.now());
      if (deadline != current.deadline()) {
        slot.renew(deadline);
      }
    }
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    requireOpen();
    requireNoNulls(keys);
    removeKeys(new ArrayList<>(keys));
  }

  @Override
  public void removeAll() {
    requireOpen();
    List<K> keys = new ArrayList<>();
    for (MemoryEntry<K, V> entry : tier) {
      keys.add(entry.key());
    }
    removeKeys(keys);
  }

  /** Removes {@code keys}: those the writer deleted (all of them when there is no writer). */
  private void removeKeys(List<K> keys) {
    long start = statistics.isEnabled() ? System.nanoTime() : 0L;
    CacheWriterException failure = null;
    Collection<K> deleted = keys;
    if (writeThrough != null && !keys.isEmpty()) {
      deleted = new LinkedHashSet<>();
      failure = writeThrough.deleteAll(keys, deleted);
    }
    for (K key : deleted) {
      removeEntry(key, false);
    }
    if (start != 0L) {
      statistics.recordRemoveTime(System.nanoTime() - start);
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void clear() {
    requireOpen();
    tier.clear();
  }

  // ---------------------------------------------------------------- entry processors

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> entryProcessor, Object... arguments) {
    requireOpen();
    requireKey(key);
    Objects.requireNonNull(entryProcessor, "entryProcessor");
    Outcome<V> outcome = new Outcome<>();
    @SuppressWarnings("unchecked")
    T[] result = (T[]) new Object[1];
    try {
      tier.compute(copyKey(key), slot -> {
        MemoryEntry<K, V> current = slot.current();
        outcome.found = current != null;
        ProcessedEntry<K, V> entry = new ProcessedEntry<>(key,
            current == null ? null : copyOut(current.value()),
            readThrough == null ? null : readThrough::loadOne);
        try {
          result[0] = entryProcessor.process(entry, arguments);
        } catch (Exception e) {
          throw e instanceof EntryProcessorException epe ? epe : new EntryProcessorException(e);
        }
        apply(slot, current, entry, outcome);
        return null;
      });
    } catch (EntryProcessorException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EntryProcessorException(e);
    }
    recordPresence(outcome.found);
    statistics.recordPuts(outcome.puts);
    statistics.recordRemovals(outcome.removals);
    publish(key, outcome);
    return result[0];
  }

  /** Applies what an entry processor left its entry to be. */
  private void apply(EntrySlot<K, V> slot, MemoryEntry<K, V> current, ProcessedEntry<K, V> entry,
      Outcome<V> outcome) {
    long now = expiry.now();
    switch (entry.action()) {
      case NONE -> {
        if (entry.wasRead() && current != null) {
          renewOnAccess(slot, current);
        }
      }
      case LOADED, CREATED -> {
        V stored = copyIn(entry.value());
        if (entry.action() == EntryAction.CREATED && writeThrough != null) {
          writeThrough.write(new AtriumCacheEntry<>(slot.key(), stored));
        }
        create(slot, stored, now, outcome);
      }
      case UPDATED -> update(slot, current, copyIn(entry.value()), outcome);
      case REMOVED -> {
        if (writeThrough != null) {
          writeThrough.delete(slot.key());
        }
        if (current != null) {
          slot.remove();
          outcome.removed(current.value());
        }
      }
    }
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys,
      EntryProcessor<K, V, T> entryProcessor, Object... arguments) {
    requireOpen();
    requireNoNulls(keys);
    Objects.requireNonNull(entryProcessor, "entryProcessor");
    Map<K, EntryProcessorResult<T>> results = new LinkedHashMap<>();
    for (K key : keys) {
      try {
        T result = invoke(key, entryProcessor, arguments);
        if (result != null) {
          results.put(key, ProcessorResult.of(result));
        }
      } catch (EntryProcessorException e) {
        results.put(key, ProcessorResult.failed(e));
      }
    }
    return results;
  }

  // ---------------------------------------------------------------- iteration, listeners, lifecycle

  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    requireOpen();
    Iterator<MemoryEntry<K, V>> entries = tier.iterator();
    return new Iterator<>() {
      private K last;

      @Override
      public boolean hasNext() {
        requireOpen();
        return entries.hasNext();
      }

      @Override
      public Cache.Entry<K, V> next() {
        requireOpen();
        if (!entries.hasNext()) {
          throw new NoSuchElementException();
        }
        MemoryEntry<K, V> entry = entries.next();
        accessed(entry);
        statistics.recordHits(1);
        last = entry.key();
        return new AtriumCacheEntry<>(copyKey(entry.key()), copyOut(entry.value()));
      }

      @Override
      public void remove() {
        requireOpen();
        if (last == null) {
          throw new IllegalStateException("next() has not been called, or remove() already was");
        }
        removeEntry(last, writeThrough != null);
        last = null;
      }
    };
  }

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    requireOpen();
    Objects.requireNonNull(listenerConfiguration, "listenerConfiguration");
    events.register(listenerConfiguration);
    configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    requireOpen();
    Objects.requireNonNull(listenerConfiguration, "listenerConfiguration");
    if (events.deregister(listenerConfiguration)) {
      configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
    }
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public CacheManager getCacheManager() {
    return manager;
  }

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
    if (clazz.isInstance(configuration)) {
      return clazz.cast(new AtriumConfiguration<>(configuration));
    }
    throw new IllegalArgumentException("the configuration of " + name + " is not a " + clazz.getName());
  }

  /** The hybrid store under this cache, or null for a memory-only cache. */
  public dev.atrium.tiers.hybrid.HybridStore<K, V> hybridStore() {
    return tier instanceof dev.atrium.tiers.hybrid.HybridStore<K, V> hybrid ? hybrid : null;
  }

  /** The number of entries in memory. */
  public long storeSize() {
    return tier.size();
  }

  /** The statistics MXBean, live whether or not it is registered. */
  public CacheStatistics statistics() {
    return statistics;
  }

  /** Turns statistics on or off, and registers or unregisters their MXBean. */
  public void enableStatistics(boolean enabled) {
    requireOpen();
    configuration.setStatisticsEnabled(enabled);
    statistics.setEnabled(enabled);
    if (enabled) {
      JmxRegistration.register(statistics, manager.getURI().toString(), name, JmxRegistration.Kind.STATISTICS);
    } else {
      JmxRegistration.unregister(manager.getURI().toString(), name, JmxRegistration.Kind.STATISTICS);
    }
  }

  /** Turns management on or off, and registers or unregisters the configuration MXBean. */
  public void enableManagement(boolean enabled) {
    requireOpen();
    configuration.setManagementEnabled(enabled);
    if (enabled) {
      JmxRegistration.register(new CacheConfigurationBean(this), manager.getURI().toString(), name,
          JmxRegistration.Kind.CONFIGURATION);
    } else {
      JmxRegistration.unregister(manager.getURI().toString(), name, JmxRegistration.Kind.CONFIGURATION);
    }
  }

  @Override
  public void close() {
    shutDown(false);
  }

  /** Closes the cache and deletes whatever it keeps on disk: {@code CacheManager.destroyCache}. */
  public void destroy() {
    shutDown(true);
  }

  private void shutDown(boolean destroy) {
    if (closed) {
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    manager.release(this);
    String uri = manager.getURI().toString();
    JmxRegistration.unregister(uri, name, JmxRegistration.Kind.STATISTICS);
    JmxRegistration.unregister(uri, name, JmxRegistration.Kind.CONFIGURATION);
    events.close();
    Closeables.closeQuietly(loader);
    Closeables.closeQuietly(writeThrough == null ? null : writeThrough.writer());
    Closeables.closeQuietly(expiryPolicy);
    if (destroy && tier instanceof dev.atrium.tiers.hybrid.HybridStore<K, V> hybrid) {
      hybrid.destroy();
    } else {
      tier.close();
    }
  }


  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    return Unwrapping.unwrap(clazz, "the cache " + name, this, tier);
  }

  // ---------------------------------------------------------------- helpers

  private void recordPresence(boolean found) {
    if (found) {
      statistics.recordHits(1);
    } else {
      statistics.recordMisses(1);
    }
  }

  /** Store-by-value copies keys too: a caller that mutates its key must not move our entry. */
  private K copyKey(K key) {
    return copier.copy(key, classLoader);
  }

  private V copyIn(V value) {
    return copier.copy(value, classLoader);
  }

  private V copyOut(V value) {
    return value == null ? null : copier.copy(value, classLoader);
  }

  private void publish(K key, Outcome<V> outcome) {
    if (!events.hasListeners()) {
      return;
    }
    switch (outcome.event) {
      case CREATED -> events.created(key, outcome.value);
      case UPDATED -> events.updated(key, outcome.old, outcome.value);
      case REMOVED -> events.removed(key, outcome.old);
      default -> { }
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the cache " + name + " is closed");
    }
  }

  /**
   * Null keys are refused as the spec says; with declared types, so are keys of another type
   * (through raw types or casts), with a message that names both types rather than a
   * ClassCastException from deep inside a loader or a serializer.
   */
  private void requireKey(Object key) {
    Objects.requireNonNull(key, "key");
    Class<K> keyType = configuration.getKeyType();
    if (keyType != Object.class && !keyType.isInstance(key)) {
      throw new ClassCastException("the cache " + name + " holds keys of type " + keyType.getName()
          + ", not " + key.getClass().getName());
    }
  }

  private void requireValue(Object value) {
    Objects.requireNonNull(value, "value");
    Class<V> valueType = configuration.getValueType();
    if (valueType != Object.class && !valueType.isInstance(value)) {
      throw new ClassCastException("the cache " + name + " holds values of type " + valueType.getName()
          + ", not " + value.getClass().getName());
    }
  }

  private void requireKeyValue(Object key, Object value) {
    requireKey(key);
    requireValue(value);
  }

  private void requireNoNulls(Set<?> keys) {
    Objects.requireNonNull(keys, "keys");
    for (Object key : keys) {
      Objects.requireNonNull(key, "a key in the set is null");
      requireKey(key);
    }
  }

  /** What one operation did to its key, recorded under the key and published after. */
  private static final class Outcome<V> {
    enum Event { NONE, CREATED, UPDATED, REMOVED }

    Event event = Event.NONE;
    V value;
    V old;
    V result;
    boolean found;
    int puts;
    int removals;

    void created(V newValue) {
      event = Event.CREATED;
      value = newValue;
      puts = 1;
    }

    void updated(V oldValue, V newValue) {
      event = Event.UPDATED;
      old = oldValue;
      value = newValue;
      puts = 1;
    }

    void removed(V oldValue) {
      event = Event.REMOVED;
      old = oldValue;
      removals = 1;
    }
  }
}
