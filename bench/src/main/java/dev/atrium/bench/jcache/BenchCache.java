package dev.atrium.bench.jcache;

/**
 * The two operations the benchmarks time, over whatever a provider hands out, so that every
 * workload runs the same code for every provider and only the cache behind it changes.
 */
interface BenchCache<K, V> extends AutoCloseable {

  V get(K key);

  void put(K key, V value);

  /** Releases the cache and whatever the provider created for it. */
  @Override
  void close();
}
