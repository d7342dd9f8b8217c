package dev.atrium.jcache.processor;

import dev.atrium.jcache.Unwrapping;
import java.util.Objects;
import java.util.function.Function;
import javax.cache.processor.MutableEntry;

/**
 * The {@link MutableEntry} an entry processor works on. It records changes without applying them:
 * the cache applies the final {@link #action()} once the processor returns, still holding the key,
 * which is what makes {@code invoke} atomic and lets a processor change its mind (set then remove
 * a new entry, say) without any trace outside.
 */
public final class ProcessedEntry<K, V> implements MutableEntry<K, V> {
  private final K key;
  private final V original;
  private final Function<K, V> loader;
  private V value;
  private EntryAction action = EntryAction.NONE;
  private boolean read;

  /**
   * @param original the value before the processor ran, or null
   * @param loader loads a missing value on {@code getValue()} (read-through), or null
   */
  public ProcessedEntry(K key, V original, Function<K, V> loader) {
    this.key = key;
    this.original = original;
    this.value = original;
    this.loader = loader;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    if (action == EntryAction.NONE) {
      if (value == null && original == null && loader != null) {
        value = loader.apply(key);
        if (value != null) {
          action = EntryAction.LOADED;
        }
      } else {
        read = true;
      }
    }
    return value;
  }

  @Override
  public boolean exists() {
    return value != null;
  }

  @Override
  public void remove() {
    // a value this processor created (or loaded) and then removed leaves no trace; removing an
    // absent entry is still a delete, which write-through passes on to the writer
    action = (original == null && (action == EntryAction.CREATED || action == EntryAction.LOADED))
        ? EntryAction.NONE : EntryAction.REMOVED;
    value = null;
  }

  @Override
  public void setValue(V newValue) {
    Objects.requireNonNull(newValue, "an entry processor may not set a null value");
    value = newValue;
    action = original == null ? EntryAction.CREATED : EntryAction.UPDATED;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    return Unwrapping.unwrap(clazz, "a mutable entry", this);
  }

  public EntryAction action() {
    return action;
  }

  /** Whether the processor read an existing value (an access, for expiry). */
  public boolean wasRead() {
    return read;
  }

  /** The value the entry ends with (null when removed or absent). */
  public V value() {
    return value;
  }

  public V original() {
    return original;
  }
}
