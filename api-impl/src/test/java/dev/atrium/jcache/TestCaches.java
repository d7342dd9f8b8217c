package dev.atrium.jcache;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import java.net.URI;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;

/** Caches for tests, each in a cache manager of its own so that tests never share state. */
final class TestCaches {
  private TestCaches() {}

  static CacheManager newManager() {
    return Caching.getCachingProvider().getCacheManager(
        URI.create("atrium:test-" + UUID.randomUUID()), TestCaches.class.getClassLoader());
  }

  static <K, V> Cache<K, V> create(CacheManager manager, AtriumConfiguration<K, V> configuration) {
    return manager.createCache("test-" + UUID.randomUUID(), configuration);
  }
}
