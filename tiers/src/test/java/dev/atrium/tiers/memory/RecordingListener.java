package dev.atrium.tiers.memory;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Records every removal report and fails on the second report of the same entry. Thread-safe. */
public final class RecordingListener<K, V> implements RemovalListener<K, V> {
  /** One report. */
  public record Removal<K, V>(MemoryEntry<K, V> entry, RemovalCause cause) {
    public K key() {
      return entry.key();
    }
  }

  private final List<Removal<K, V>> removals = new ArrayList<>();
  private final Map<MemoryEntry<K, V>, RemovalCause> seen = new IdentityHashMap<>();
  private final List<String> duplicates = new ArrayList<>();

  @Override
  public synchronized void onRemoval(MemoryEntry<K, V> entry, RemovalCause cause) {
    RemovalCause earlier = seen.put(entry, cause);
    if (earlier != null) {
      duplicates.add(entry + " reported " + earlier + " then " + cause);
    }
    removals.add(new Removal<>(entry, cause));
  }

  public synchronized List<Removal<K, V>> removals() {
    return List.copyOf(removals);
  }

  public synchronized List<K> keys(RemovalCause cause) {
    return removals.stream().filter(r -> r.cause() == cause).map(Removal::key).collect(Collectors.toList());
  }

  public synchronized int count(RemovalCause cause) {
    return (int) removals.stream().filter(r -> r.cause() == cause).count();
  }

  public synchronized boolean wasReported(MemoryEntry<K, V> entry) {
    return seen.containsKey(entry);
  }

  public synchronized void clear() {
    removals.clear();
  }

  /** Fails if any entry was reported twice. */
  public synchronized void assertEachOnce() {
    if (!duplicates.isEmpty()) {
      fail("entries reported more than once: " + Collections.unmodifiableList(duplicates));
    }
  }
}
