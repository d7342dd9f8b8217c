package dev.atrium.tiers.memory;

/**
 * The {@link EntrySlot} a tier hands to one {@link MemoryTier#compute} call: it records what the
 * computation decided, and the tier applies it while still holding the key, then reports what
 * left through {@link #report}. Shared by every tier implementation so that they decide alike.
 */
public final class ComputeSlot<K, V> implements EntrySlot<K, V> {
  private enum Decision { KEEP, PUT, RENEW, REMOVE }

  private final K key;
  private MemoryEntry<K, V> current;
  private MemoryEntry<K, V> expired;
  private Decision decision = Decision.KEEP;
  private V newValue;
  private long newDeadline;
  private boolean newPersisted;
  private MemoryEntry<K, V> oversized;
  private boolean removedExplicitly;

  public ComputeSlot(K key) {
    this.key = key;
  }

  /** Starts the computation on the entry found under the key (null if none). */
  public void begin(MemoryEntry<K, V> found, long now) {
    if (found != null && found.isExpired(now)) {
      expired = found;
      current = null;
    } else {
      current = found;
    }
  }

  @Override
  public K key() {
    return key;
  }

  @Override
  public MemoryEntry<K, V> current() {
    return current;
  }

  @Override
  public void put(V value, long deadline) {
    if (value == null) {
      throw new NullPointerException("value");
    }
    decision = Decision.PUT;
    newValue = value;
    newDeadline = deadline;
    newPersisted = false;
  }

  @Override
  public void putPersisted(V value, long deadline) {
    put(value, deadline);
    newPersisted = true;
  }

  @Override
  public void renew(long deadline) {
    if (decision == Decision.PUT) {
      newDeadline = deadline;
      newPersisted = false;
    } else if (current != null && decision != Decision.REMOVE) {
      decision = Decision.RENEW;
      newDeadline = deadline;
    }
  }

  @Override
  public void remove() {
    decision = Decision.REMOVE;
    newValue = null;
    newPersisted = false;
  }

  /**
   * The entry to leave under the key once the computation is done: the current one, a new one,
   * or null. {@code weight} is the weight of the new value when one was put; an entry heavier than
   * {@code maxWeight} is refused.
   */
  public MemoryEntry<K, V> outcome(MemoryTierConfig<K, V> config) {
    switch (decision) {
      case PUT -> {
        int weight = config.weigh(key, newValue);
        MemoryEntry<K, V> created = newEntry(new MemoryEntry<>(key, newValue, weight, newDeadline));
        if (config.weighted() && weight > config.capacity()) {
          oversized = created;
          return null;
        }
        return created;
      }
      case RENEW -> {
        return new MemoryEntry<>(key, current.value(), current.weight(), newDeadline);
      }
      case REMOVE -> {
        removedExplicitly = current != null;
        return null;
      }
      default -> {
        return current;
      }
    }
  }

  /**
   * For tiers whose own nodes subclass {@link MemoryEntry}: marks the node made for a
   * {@link #wantsPut() put} as the computation asked, and returns it.
   */
  public <E extends MemoryEntry<K, V>> E newEntry(E created) {
    if (newPersisted) {
      created.markPersisted();
    }
    return created;
  }

  /** Like {@link #outcome}, for tiers whose own nodes subclass {@link MemoryEntry}. */
  public boolean wantsPut() {
    return decision == Decision.PUT;
  }

  public boolean wantsRenew() {
    return decision == Decision.RENEW;
  }

  public boolean wantsRemove() {
    return decision == Decision.REMOVE;
  }

  public V newValue() {
    return newValue;
  }

  public long newDeadline() {
    return newDeadline;
  }

  /** The expired entry that was found under the key, if any. */
  public MemoryEntry<K, V> expired() {
    return expired;
  }

  /** Records that an entry was refused for being heavier than the tier. */
  public void refuse(MemoryEntry<K, V> entry) {
    oversized = entry;
  }

  /** Records that the current entry was removed on request. */
  public void markRemoved() {
    removedExplicitly = current != null;
  }

  /** Tells the listener what left the tier; call after the key is released. */
  public void report(RemovalListener<K, V> listener) {
    if (expired != null) {
      listener.onRemoval(expired, RemovalCause.EXPIRED);
    }
    if (removedExplicitly) {
      listener.onRemoval(current, RemovalCause.EXPLICIT);
    }
    if (oversized != null) {
      listener.onRemoval(oversized, RemovalCause.OVERSIZED);
    }
  }
}
