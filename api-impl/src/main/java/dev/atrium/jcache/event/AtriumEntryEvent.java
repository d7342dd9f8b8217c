package dev.atrium.jcache.event;

import dev.atrium.jcache.Unwrapping;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;

/**
 * One event as a listener sees it. For {@code REMOVED} and {@code EXPIRED} the value is the value
 * that left (old value and value are the same object, and the old value is available); for
 * {@code UPDATED} the old value is always supplied; {@code CREATED} has none.
 */
final class AtriumEntryEvent<K, V> extends CacheEntryEvent<K, V> {
  private static final long serialVersionUID = 1L;

  private final K key;
  private final V value;
  private final V oldValue;
  private final boolean oldValueAvailable;

  AtriumEntryEvent(Cache<K, V> source, EventType type, K key, V value, V oldValue,
      boolean oldValueAvailable) {
    super(source, type);
    this.key = key;
    this.value = value;
    this.oldValue = oldValue;
    this.oldValueAvailable = oldValueAvailable;
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
  public V getOldValue() {
    return oldValue;
  }

  @Override
  public boolean isOldValueAvailable() {
    return oldValueAvailable;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    return Unwrapping.unwrap(clazz, "an event", this);
  }

  @Override
  public String toString() {
    return getEventType() + "[" + key + "=" + value + ", old=" + oldValue + "]";
  }
}
