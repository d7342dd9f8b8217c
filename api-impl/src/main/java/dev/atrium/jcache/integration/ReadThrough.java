package dev.atrium.jcache.integration;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;

/**
 * A cache's {@link CacheLoader}, called at most once at a time per key (single-flight): threads
 * that miss on a key while its load is under way wait for that load instead of starting their
 * own, so a hot key that expires costs the origin one request, not one per thread.
 *
 * <p>Failures reach every waiter as {@link CacheLoaderException}, the loader's own or a wrap.
 */
public final class ReadThrough<K, V> {
  private final CacheLoader<K, V> loader;
  private final ConcurrentMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

  public ReadThrough(CacheLoader<K, V> loader) {
    this.loader = loader;
  }

  public CacheLoader<K, V> loader() {
    return loader;
  }

  /**
   * Loads {@code key} and hands a non-null result to {@code install} (which stores it and returns
   * what callers should see), once for all concurrent callers; returns null if the loader has none.
   */
  public V load(K key, Function<V, V> install) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (CompletionException e) {
        throw asLoaderException(e.getCause());
      }
    }
    try {
      V loaded = loadOne(key);
      V seen = loaded == null ? null : install.apply(loaded);
      mine.complete(seen);
      return seen;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  /** Calls the loader for one key, wrapping its failures. */
  public V loadOne(K key) {
    try {
      return loader.load(key);
    } catch (Exception e) {
      throw asLoaderException(e);
    }
  }

  /** Calls the loader for many keys, wrapping its failures. */
  public Map<K, V> loadAll(Iterable<? extends K> keys) {
    try {
      return loader.loadAll(keys);
    } catch (Exception e) {
      throw asLoaderException(e);
    }
  }

  public static CacheLoaderException asLoaderException(Throwable failure) {
    if (failure instanceof CacheLoaderException loaderException) {
      return loaderException;
    }
    return new CacheLoaderException(failure);
  }
}
