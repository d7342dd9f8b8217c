package dev.atrium.jcache.spi;

import dev.atrium.jcache.AtriumCache;
import dev.atrium.jcache.Unwrapping;
import dev.atrium.jcache.configuration.AtriumConfiguration;
import dev.atrium.jcache.configuration.CacheConfigFile;
import dev.atrium.tiers.Ticker;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

/**
 * The caches of one (URI, class loader): creates them from their configuration, hands them out
 * by name, and closes them with itself.
 */
public final class AtriumCacheManager implements CacheManager {
  private final AtriumCachingProvider provider;
  private final URI uri;
  private final ClassLoader classLoader;
  private final Properties properties;
  private final ConcurrentMap<String, AtriumCache<?, ?>> caches = new ConcurrentHashMap<>();
  /** The declarative configuration the URI (or the {@code atrium.config} property) names, or null. */
  private final CacheConfigFile file;
  private volatile boolean closed;

  AtriumCacheManager(AtriumCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties) {
    this.provider = provider;
    this.uri = uri;
    this.classLoader = classLoader;
    this.properties = properties;
    this.file = CacheConfigFile.forManager(uri, classLoader);
  }

  @Override
  public CachingProvider getCachingProvider() {
    return provider;
  }

  @Override
  public URI getURI() {
    return uri;
  }

  @Override
  public ClassLoader getClassLoader() {
    return classLoader;
  }

  @Override
  public Properties getProperties() {
    return properties;
  }

  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(configuration, "configuration");
    AtriumConfiguration<K, V> copy = new AtriumConfiguration<>(configuration);
    if (file != null && !copy.hasTierSettings()) {
      file.applyTo(cacheName, copy);
    }
    AtriumCache<?, ?>[] created = new AtriumCache<?, ?>[1];
    caches.compute(cacheName, (name, existing) -> {
      if (existing != null && !existing.isClosed()) {
        throw new CacheException("a cache named " + cacheName + " already exists in " + uri);
      }
      created[0] = new AtriumCache<>(this, name, copy, Ticker.system());
      return created[0];
    });
    @SuppressWarnings("unchecked")
    AtriumCache<K, V> cache = (AtriumCache<K, V>) created[0];
    if (copy.isManagementEnabled()) {
      cache.enableManagement(true);
    }
    if (copy.isStatisticsEnabled()) {
      cache.enableStatistics(true);
    }
    return cache;
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    requireOpen();
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    Cache<K, V> cache = getCache(cacheName);
    if (cache == null) {
      return null;
    }
    @SuppressWarnings("unchecked")
    CompleteConfiguration<K, V> configuration = cache.getConfiguration(CompleteConfiguration.class);
    if (!keyType.equals(configuration.getKeyType())) {
      throw new ClassCastException("the cache " + cacheName + " has keys of type "
          + configuration.getKeyType().getName() + ", not " + keyType.getName());
    }
    if (!valueType.equals(configuration.getValueType())) {
      throw new ClassCastException("the cache " + cacheName + " has values of type "
          + configuration.getValueType().getName() + ", not " + valueType.getName());
    }
    return cache;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> getCache(String cacheName) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    AtriumCache<?, ?> cache = caches.get(cacheName);
    return (cache == null || cache.isClosed()) ? null : (Cache<K, V>) cache;
  }

  @Override
  public Iterable<String> getCacheNames() {
    requireOpen();
    return Collections.unmodifiableSet(new LinkedHashSet<>(caches.keySet()));
  }

  @Override
  public void destroyCache(String cacheName) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    AtriumCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.destroy();
    }
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    requireOpen();
    find(cacheName).enableManagement(enabled);
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    requireOpen();
    find(cacheName).enableStatistics(enabled);
  }

  private AtriumCache<?, ?> find(String cacheName) {
    Objects.requireNonNull(cacheName, "cacheName");
    AtriumCache<?, ?> cache = caches.get(cacheName);
    if (cache == null) {
      throw new IllegalArgumentException("no cache named " + cacheName + " in " + uri);
    }
    return cache;
  }

  /** Forgets a cache that closed itself. */
  public void release(AtriumCache<?, ?> cache) {
    caches.remove(cache.getName(), cache);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    provider.release(this);
    for (AtriumCache<?, ?> cache : new ArrayList<>(caches.values())) {
      cache.close();
    }
    caches.clear();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    return Unwrapping.unwrap(clazz, "the cache manager", this);
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the cache manager " + uri + " is closed");
    }
  }
}
