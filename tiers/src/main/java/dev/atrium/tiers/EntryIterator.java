package dev.atrium.tiers;

import dev.atrium.tiers.memory.MemoryEntry;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The iterator every store hands out: a store supplies the next live entry ({@link #advance}) and
 * how to remove one ({@link #removeEntry}); this keeps the {@link Iterator} contract (hasNext
 * idempotent, stays false at the end; remove once per next).
 */
public abstract class EntryIterator<K, V> implements Iterator<MemoryEntry<K, V>> {
  private MemoryEntry<K, V> next;
  private MemoryEntry<K, V> last;
  private boolean exhausted;

  /** The next live entry, or null when there is none. */
  protected abstract MemoryEntry<K, V> advance();

  /** Removes an entry this iterator returned. */
  protected abstract void removeEntry(MemoryEntry<K, V> entry);

  @Override
  public final boolean hasNext() {
    if (next == null && !exhausted) {
      next = advance();
      exhausted = next == null;
    }
    return next != null;
  }

  @Override
  public final MemoryEntry<K, V> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    last = next;
    next = null;
    return last;
  }

  @Override
  public final void remove() {
    if (last == null) {
      throw new IllegalStateException("next() has not been called, or remove() already was");
    }
    removeEntry(last);
    last = null;
  }
}
