/**
 * JMH benchmarks of JCache providers side by side, in the same run: Atrium, Caffeine's JCache,
 * Ehcache 3 and cache2k through {@code javax.cache.Cache} (store-by-reference, statistics off,
 * bounded), with raw Caffeine as the reference and a {@code ConcurrentHashMap} as the ceiling.
 * Keys follow a Zipf distribution; two threads. Read results as ratios to raw Caffeine in the same
 * run: absolute numbers on a shared two-core machine mean little.
 */
package dev.atrium.bench.jcache;
