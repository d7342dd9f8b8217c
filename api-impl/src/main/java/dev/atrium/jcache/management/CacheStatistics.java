package dev.atrium.jcache.management;

import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * The JSR-107 statistics of one cache: counters that the cache bumps only while statistics are
 * enabled (a disabled cache pays one volatile read per operation), and the MXBean view of them.
 *
 * <p>Times are recorded in nanoseconds and reported, as the spec asks, as averages in
 * microseconds. Counters are {@link LongAdder}s: contention-free under concurrent recording.
 */
public final class CacheStatistics implements CacheStatisticsMXBean {
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder getNanos = new LongAdder();
  private final LongAdder putNanos = new LongAdder();
  private final LongAdder removeNanos = new LongAdder();
  private volatile boolean enabled;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public void recordHits(long count) {
    if (enabled && count != 0) {
      hits.add(count);
    }
  }

  public void recordMisses(long count) {
    if (enabled && count != 0) {
      misses.add(count);
    }
  }

  public void recordPuts(long count) {
    if (enabled && count != 0) {
      puts.add(count);
    }
  }

  public void recordRemovals(long count) {
    if (enabled && count != 0) {
      removals.add(count);
    }
  }

  public void recordEvictions(long count) {
    if (enabled && count != 0) {
      evictions.add(count);
    }
  }

  public void recordGetTime(long nanos) {
    if (enabled) {
      getNanos.add(nanos);
    }
  }

  public void recordPutTime(long nanos) {
    if (enabled) {
      putNanos.add(nanos);
    }
  }

  public void recordRemoveTime(long nanos) {
    if (enabled) {
      removeNanos.add(nanos);
    }
  }

  @Override
  public void clear() {
    for (LongAdder adder : new LongAdder[] {hits, misses, puts, removals, evictions, getNanos, putNanos, removeNanos}) {
      adder.reset();
    }
  }

  @Override
  public long getCacheHits() {
    return hits.sum();
  }

  @Override
  public float getCacheHitPercentage() {
    long gets = getCacheGets();
    return gets == 0 ? 0f : 100f * getCacheHits() / gets;
  }

  @Override
  public long getCacheMisses() {
    return misses.sum();
  }

  @Override
  public float getCacheMissPercentage() {
    long gets = getCacheGets();
    return gets == 0 ? 0f : 100f * getCacheMisses() / gets;
  }

  @Override
  public long getCacheGets() {
    return getCacheHits() + getCacheMisses();
  }

  @Override
  public long getCachePuts() {
    return puts.sum();
  }

  @Override
  public long getCacheRemovals() {
    return removals.sum();
  }

  @Override
  public long getCacheEvictions() {
    return evictions.sum();
  }

  @Override
  public float getAverageGetTime() {
    return averageMicros(getNanos.sum(), getCacheGets());
  }

  @Override
  public float getAveragePutTime() {
    return averageMicros(putNanos.sum(), getCachePuts());
  }

  @Override
  public float getAverageRemoveTime() {
    return averageMicros(removeNanos.sum(), getCacheRemovals());
  }

  private static float averageMicros(long nanos, long count) {
    return count == 0 ? 0f : (nanos / 1000f) / count;
  }
}
