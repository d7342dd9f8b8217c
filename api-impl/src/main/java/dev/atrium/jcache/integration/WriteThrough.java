package dev.atrium.jcache.integration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * A cache's {@link CacheWriter} with the spec's rules applied: failures become
 * {@link CacheWriterException}, and a batch that fails part-way tells which entries were written
 * (the writer removes from the collection what it wrote) so the cache applies exactly those.
 */
public final class WriteThrough<K, V> {
  private final CacheWriter<? super K, ? super V> writer;

  public WriteThrough(CacheWriter<? super K, ? super V> writer) {
    this.writer = writer;
  }

  public CacheWriter<? super K, ? super V> writer() {
    return writer;
  }

  public void write(Cache.Entry<K, V> entry) {
    try {
      writer.write(entry);
    } catch (Exception e) {
      throw asWriterException(e);
    }
  }

  public void delete(K key) {
    try {
      writer.delete(key);
    } catch (Exception e) {
      throw asWriterException(e);
    }
  }

  /**
   * Writes {@code entries}; returns the failure (or null) and leaves in {@code written} the
   * entries that reached the writer's store.
   */
  public CacheWriterException writeAll(Collection<Cache.Entry<K, V>> entries,
      Collection<Cache.Entry<K, V>> written) {
    Collection<Cache.Entry<? extends K, ? extends V>> pending = new ArrayList<>(entries);
    try {
      // the writer accepts supertypes of K and V, so entries of K and V are fine to hand it
      @SuppressWarnings("unchecked")
      CacheWriter<K, V> exact = (CacheWriter<K, V>) writer;
      exact.writeAll(pending);
      written.addAll(entries);
      return null;
    } catch (Exception e) {
      Set<Object> failedKeys = new LinkedHashSet<>();
      for (Cache.Entry<? extends K, ? extends V> entry : pending) {
        failedKeys.add(entry.getKey());
      }
      for (Cache.Entry<K, V> entry : entries) {
        if (!failedKeys.contains(entry.getKey())) {
          written.add(entry);
        }
      }
      return asWriterException(e);
    }
  }

  /** Deletes {@code keys}; returns the failure (or null) and leaves in {@code deleted} what went. */
  public CacheWriterException deleteAll(Collection<K> keys, Collection<K> deleted) {
    Collection<Object> pending = new LinkedHashSet<>(keys);
    try {
      writer.deleteAll(pending);
      deleted.addAll(keys);
      return null;
    } catch (Exception e) {
      for (K key : keys) {
        if (!pending.contains(key)) {
          deleted.add(key);
        }
      }
      return asWriterException(e);
    }
  }

  public static CacheWriterException asWriterException(Throwable failure) {
    if (failure instanceof CacheWriterException writerException) {
      return writerException;
    }
    return new CacheWriterException(failure);
  }
}
