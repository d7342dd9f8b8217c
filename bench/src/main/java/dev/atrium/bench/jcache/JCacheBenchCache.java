package dev.atrium.bench.jcache;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;

/** A cache obtained through the JCache API: what an application sees, events and all. */
final class JCacheBenchCache<K, V> implements BenchCache<K, V> {
  private final CacheManager manager;
  private final Cache<K, V> cache;

  JCacheBenchCache(CacheManager manager, String name, Configuration<K, V> configuration) {
    this.manager = manager;
    this.cache = manager.createCache(name, configuration);
  }

  /** The underlying cache, for checks outside the timed code. */
  Cache<K, V> cache() {
    return cache;
  }

  @Override
  public V get(K key) {
    return cache.get(key);
  }

  @Override
  public void put(K key, V value) {
    cache.put(key, value);
  }

  @Override
  public void close() {
    manager.destroyCache(cache.getName());
    manager.close();
  }
}
