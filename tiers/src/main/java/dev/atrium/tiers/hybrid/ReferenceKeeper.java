package dev.atrium.tiers.hybrid;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Store-by-reference across the disk tier. Disk can only hold a copy, but the copy is observable
 * only while someone else still holds the original: so for each value sent to disk this keeps a
 * weak reference, and a read from disk returns the original while it is alive. A cache that gets
 * back the same object its caller put is store-by-reference, whichever tier kept it; once the
 * caller lets go, nobody can tell the copy from the original. Entries whose value was collected
 * are purged, so this holds only what the application holds anyway.
 *
 * <p>It follows the disk copy: set when a value is queued for disk, cleared when a write
 * invalidates the key (under the same stripe lock), so it never outlives its version.
 */
final class ReferenceKeeper<K, V> {
  private final ConcurrentHashMap<K, KeyedReference<K, V>> originals = new ConcurrentHashMap<>();
  private final ReferenceQueue<V> collected = new ReferenceQueue<>();

  private static final class KeyedReference<K, V> extends WeakReference<V> {
    final K key;

    KeyedReference(K key, V value, ReferenceQueue<V> queue) {
      super(value, queue);
      this.key = key;
    }
  }

  void keep(K key, V value) {
    purge();
    originals.put(key, new KeyedReference<>(key, value, collected));
  }

  /**
   * The original of the value disk holds for {@code key}, if it is still alive. Purges first: a
   * cache that only reads (no disk writes, so no {@link #keep}) would otherwise keep every
   * collected reference, and each disk hit would look up a map as large as the disk tier.
   */
  V original(K key) {
    purge();
    KeyedReference<K, V> reference = originals.get(key);
    return reference == null ? null : reference.get();
  }

  void forget(K key) {
    originals.remove(key);
  }

  void clear() {
    originals.clear();
  }

  /** Keys tracked now, including those whose original was collected but not yet purged. */
  int tracked() {
    return originals.size();
  }

  @SuppressWarnings("unchecked")
  private void purge() {
    KeyedReference<K, V> reference;
    while ((reference = (KeyedReference<K, V>) collected.poll()) != null) {
      originals.remove(reference.key, reference);
    }
  }
}
