package dev.atrium.jcache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import java.io.Closeable;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.integration.CacheLoader;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Closing a cache releases every MBean, thread and closeable it holds. */
class CloseReleasesTest {

  static final AtomicBoolean LOADER_CLOSED = new AtomicBoolean();

  static final class ClosingLoader implements CacheLoader<String, String>, Closeable, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String load(String key) {
      return key;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      return Map.of();
    }

    @Override
    public void close() {
      LOADER_CLOSED.set(true);
    }
  }

  static final class Quiet implements CacheEntryCreatedListener<String, String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {}
  }

  @Test
  void closingReleasesBeansThreadsAndResources() throws Exception {
    CacheManager manager = TestCaches.newManager();
    Cache<String, String> cache = TestCaches.create(manager, new AtriumConfiguration<String, String>()
        .setStatisticsEnabled(true)
        .setManagementEnabled(true)
        .setReadThrough(true)
        .setCacheLoaderFactory(FactoryBuilder.factoryOf(new ClosingLoader()))
        .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(new Quiet()), null, false, false)));
    cache.get("a");
    ObjectName pattern = new ObjectName("javax.cache:*,Cache=" + cache.getName());
    assertTrue(beans(pattern).size() == 2, "statistics and configuration beans registered");
    assertTrue(listenerThreads() > 0, "the asynchronous listener has its thread");

    manager.close();

    assertTrue(cache.isClosed());
    assertTrue(beans(pattern).isEmpty(), "beans unregistered");
    assertTrue(LOADER_CLOSED.get(), "closeable loader closed");
    for (int i = 0; i < 100 && listenerThreads() > 0; i++) {
      Thread.sleep(10);
    }
    assertFalse(listenerThreads() > 0, "listener threads ended");
    assertThrows(IllegalStateException.class, () -> cache.get("a"));
    assertThrows(IllegalStateException.class, () -> cache.put("a", "b"));
    assertThrows(IllegalStateException.class, cache::iterator);
    assertThrows(IllegalStateException.class, () -> manager.getCache(cache.getName()));
  }

  private static Set<ObjectName> beans(ObjectName pattern) {
    return ManagementFactory.getPlatformMBeanServer().queryNames(pattern, null);
  }

  private static long listenerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith("atrium-listener-"))
        .count();
  }
}
