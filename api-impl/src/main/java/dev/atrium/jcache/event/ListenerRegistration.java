package dev.atrium.jcache.event;

import dev.atrium.jcache.Closeables;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/**
 * One registered listener: its configuration, the listener and filter its factories made, and,
 * for an asynchronous listener, the single thread that delivers its events in order (which keeps
 * the spec's per-key ordering, and more).
 */
final class ListenerRegistration<K, V> {
  private static final Logger LOG = Logger.getLogger(ListenerRegistration.class.getName());

  private final CacheEntryListenerConfiguration<K, V> configuration;
  private final CacheEntryListener<? super K, ? super V> listener;
  private final CacheEntryEventFilter<? super K, ? super V> filter;
  private final ExecutorService deliverer;

  ListenerRegistration(CacheEntryListenerConfiguration<K, V> configuration, String cacheName) {
    this.configuration = configuration;
    this.listener = configuration.getCacheEntryListenerFactory().create();
    Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory =
        configuration.getCacheEntryEventFilterFactory();
    this.filter = filterFactory == null ? null : filterFactory.create();
    this.deliverer = configuration.isSynchronous() ? null : Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "atrium-listener-" + cacheName);
      thread.setDaemon(true);
      return thread;
    });
  }

  CacheEntryListenerConfiguration<K, V> configuration() {
    return configuration;
  }

  boolean isOldValueRequired() {
    return configuration.isOldValueRequired();
  }

  boolean wants(EventType type) {
    return switch (type) {
      case CREATED -> listener instanceof CacheEntryCreatedListener;
      case UPDATED -> listener instanceof CacheEntryUpdatedListener;
      case REMOVED -> listener instanceof CacheEntryRemovedListener;
      case EXPIRED -> listener instanceof CacheEntryExpiredListener;
    };
  }

  /** Delivers now (synchronous) or hands over to the delivery thread (asynchronous). */
  void deliver(AtriumEntryEvent<K, V> event) {
    if (deliverer == null) {
      if (accepts(event)) {
        dispatch(event);
      }
      return;
    }
    deliverer.execute(() -> {
      try {
        if (accepts(event)) {
          dispatch(event);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "an asynchronous cache entry listener failed on " + event, e);
      }
    });
  }

  private boolean accepts(AtriumEntryEvent<K, V> event) {
    return filter == null || filter.evaluate(event);
  }

  @SuppressWarnings("unchecked")
  private void dispatch(AtriumEntryEvent<K, V> event) {
    List<CacheEntryEvent<? extends K, ? extends V>> events = List.of(event);
    try {
      switch (event.getEventType()) {
        case CREATED -> ((CacheEntryCreatedListener<K, V>) listener).onCreated(events);
        case UPDATED -> ((CacheEntryUpdatedListener<K, V>) listener).onUpdated(events);
        case REMOVED -> ((CacheEntryRemovedListener<K, V>) listener).onRemoved(events);
        case EXPIRED -> ((CacheEntryExpiredListener<K, V>) listener).onExpired(events);
      }
    } catch (CacheEntryListenerException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheEntryListenerException(e);
    }
  }

  /** Waits for events already handed over, then closes the listener if it is closeable. */
  void close() {
    if (deliverer != null) {
      deliverer.shutdown();
      try {
        deliverer.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Closeables.closeQuietly(listener);
    Closeables.closeQuietly(filter);
  }

}
