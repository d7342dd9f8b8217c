package dev.atrium.tiers.memory;

/** The weight of an entry, charged against a tier bounded by weight. Must be non-negative. */
@FunctionalInterface
public interface Weigher<K, V> {

  int weigh(K key, V value);

  /** Every entry weighs one: the tier is bounded by entry count. */
  static <K, V> Weigher<K, V> singleton() {
    return (key, value) -> 1;
  }
}
