package dev.atrium.jcache.spi;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * Atrium's JCache entry point, found by {@code Caching.getCachingProvider()} through
 * {@code META-INF/services/javax.cache.spi.CachingProvider}.
 *
 * <p>One {@link AtriumCacheManager} per (URI, class loader), as the spec asks. Class loaders are
 * held weakly, so an application that is undeployed without closing its managers does not pin
 * its class loader here.
 */
public final class AtriumCachingProvider implements CachingProvider {
  /** The URI of the default cache manager. */
  public static final URI DEFAULT_URI = URI.create("atrium:default");

  private final Map<ClassLoader, Map<URI, AtriumCacheManager>> managers = new WeakHashMap<>();

  @Override
  public synchronized CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    Properties managerProperties = properties == null ? new Properties() : properties;
    Map<URI, AtriumCacheManager> byUri = managers.computeIfAbsent(loader, key -> new HashMap<>());
    AtriumCacheManager manager = byUri.get(managerUri);
    if (manager == null || manager.isClosed()) {
      manager = new AtriumCacheManager(this, managerUri, loader, managerProperties);
      byUri.put(managerUri, manager);
    }
    return manager;
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
    return getCacheManager(uri, classLoader, getDefaultProperties());
  }

  @Override
  public CacheManager getCacheManager() {
    return getCacheManager(getDefaultURI(), getDefaultClassLoader(), getDefaultProperties());
  }

  @Override
  public ClassLoader getDefaultClassLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context == null ? AtriumCachingProvider.class.getClassLoader() : context;
  }

  @Override
  public URI getDefaultURI() {
    return DEFAULT_URI;
  }

  @Override
  public Properties getDefaultProperties() {
    return new Properties();
  }

  @Override
  public void close() {
    List<AtriumCacheManager> all = new ArrayList<>();
    synchronized (this) {
      for (Map<URI, AtriumCacheManager> byUri : managers.values()) {
        all.addAll(byUri.values());
      }
      managers.clear();
    }
    all.forEach(AtriumCacheManager::close);
  }

  @Override
  public void close(ClassLoader classLoader) {
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    Map<URI, AtriumCacheManager> byUri;
    synchronized (this) {
      byUri = managers.remove(loader);
    }
    if (byUri != null) {
      new ArrayList<>(byUri.values()).forEach(AtriumCacheManager::close);
    }
  }

  @Override
  public void close(URI uri, ClassLoader classLoader) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    AtriumCacheManager manager = null;
    synchronized (this) {
      Map<URI, AtriumCacheManager> byUri = managers.get(loader);
      if (byUri != null) {
        manager = byUri.remove(managerUri);
        if (byUri.isEmpty()) {
          managers.remove(loader);
        }
      }
    }
    if (manager != null) {
      manager.close();
    }
  }

  /** Forgets a manager that closed itself. */
  synchronized void release(AtriumCacheManager manager) {
    Map<URI, AtriumCacheManager> byUri = managers.get(manager.getClassLoader());
    if (byUri != null && byUri.get(manager.getURI()) == manager) {
      byUri.remove(manager.getURI());
      if (byUri.isEmpty()) {
        managers.remove(manager.getClassLoader());
      }
    }
  }

  @Override
  public boolean isSupported(OptionalFeature optionalFeature) {
    return optionalFeature == OptionalFeature.STORE_BY_REFERENCE;
  }
}
