package dev.atrium.jcache.event;

import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.EventType;

/**
 * Publishes a cache's entry events to its registered listeners.
 *
 * <p>Callers publish after the operation's change is made and its key released, from the thread
 * that made it: synchronous listeners therefore run before the operation returns, and their
 * exceptions reach the caller (wrapped in {@code CacheEntryListenerException}, errors as they
 * are). With no listener registered, publishing costs one volatile read.
 */
public final class EventDispatcher<K, V> {
  @SuppressWarnings("rawtypes")
  private static final ListenerRegistration[] NONE = new ListenerRegistration[0];

  private final String cacheName;
  private Cache<K, V> source;
  @SuppressWarnings("unchecked")
  private volatile ListenerRegistration<K, V>[] registrations = NONE;

  public EventDispatcher(String cacheName) {
    this.cacheName = cacheName;
  }

  /** The cache named as the source of every event; set once the cache exists. */
  public void source(Cache<K, V> source) {
    this.source = source;
  }

  public boolean hasListeners() {
    return registrations.length != 0;
  }

  /** Registers a listener; fails if an equal configuration is already registered. */
  public synchronized void register(CacheEntryListenerConfiguration<K, V> configuration) {
    for (ListenerRegistration<K, V> registration : registrations) {
      if (registration.configuration().equals(configuration)) {
        throw new IllegalArgumentException("listener configuration already registered: " + configuration);
      }
    }
    ListenerRegistration<K, V>[] grown = java.util.Arrays.copyOf(registrations, registrations.length + 1);
    grown[registrations.length] = new ListenerRegistration<>(configuration, cacheName);
    registrations = grown;
  }

  /** Removes a registration; returns whether there was one. */
  public synchronized boolean deregister(CacheEntryListenerConfiguration<K, V> configuration) {
    List<ListenerRegistration<K, V>> kept = new ArrayList<>();
    ListenerRegistration<K, V> removed = null;
    for (ListenerRegistration<K, V> registration : registrations) {
      if (removed == null && registration.configuration().equals(configuration)) {
        removed = registration;
      } else {
        kept.add(registration);
      }
    }
    if (removed == null) {
      return false;
    }
    @SuppressWarnings("unchecked")
    ListenerRegistration<K, V>[] shrunk = kept.toArray(new ListenerRegistration[0]);
    registrations = shrunk;
    removed.close();
    return true;
  }

  public List<CacheEntryListenerConfiguration<K, V>> configurations() {
    List<CacheEntryListenerConfiguration<K, V>> configurations = new ArrayList<>();
    for (ListenerRegistration<K, V> registration : registrations) {
      configurations.add(registration.configuration());
    }
    return configurations;
  }

  public void created(K key, V value) {
    publish(EventType.CREATED, key, value, null);
  }

  public void updated(K key, V oldValue, V newValue) {
    publish(EventType.UPDATED, key, newValue, oldValue);
  }

  public void removed(K key, V oldValue) {
    publish(EventType.REMOVED, key, oldValue, oldValue);
  }

  public void expired(K key, V oldValue) {
    publish(EventType.EXPIRED, key, oldValue, oldValue);
  }

  private void publish(EventType type, K key, V value, V oldValue) {
    ListenerRegistration<K, V>[] current = registrations;
    if (current.length == 0) {
      return;
    }
    AtriumEntryEvent<K, V> event = null;
    for (ListenerRegistration<K, V> registration : current) {
      if (registration.wants(type)) {
        if (event == null) {
          event = new AtriumEntryEvent<>(source, type, key, value, oldValue, type != EventType.CREATED);
        }
        registration.deliver(event);
      }
    }
  }

  /** Closes every listener; called when the cache closes. */
  public synchronized void close() {
    for (ListenerRegistration<K, V> registration : registrations) {
      registration.close();
    }
    @SuppressWarnings("unchecked")
    ListenerRegistration<K, V>[] none = NONE;
    registrations = none;
  }
}
