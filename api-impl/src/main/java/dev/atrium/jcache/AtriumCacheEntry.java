package dev.atrium.jcache;

import javax.cache.Cache;

/** A key and its value as the cache hands them out (iteration, write-through batches). */
public final class AtriumCacheEntry<K, V> implements Cache.Entry<K, V> {
  private final K key;
  private final V value;

  public AtriumCacheEntry(K key, V value) {
    this.key = key;
    this.value = value;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    return value;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    return Unwrapping.unwrap(clazz, "a cache entry", this);
  }

  @Override
  public String toString() {
    return key + "=" + value;
  }
}
