/**
 * JMH benchmark of hybrid (memory + disk) caches through JCache, in the same run: Atrium's hybrid
 * store against Ehcache 3 with heap and disk tiers of the same sizes, on a Zipf working set ten
 * times the memory tier. Throughput is JMH's primary result; the hit ratio over the measured
 * iterations comes as secondary results ({@code hits}, {@code misses}) and a line on stderr.
 */
package dev.atrium.bench.hybrid;
