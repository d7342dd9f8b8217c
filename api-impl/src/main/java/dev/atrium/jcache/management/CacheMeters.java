package dev.atrium.jcache.management;

import dev.atrium.jcache.AtriumCache;
import dev.atrium.tiers.hybrid.HybridStats;
import dev.atrium.tiers.hybrid.HybridStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters of one cache, read from the cache itself rather than over JMX (Micrometer's
 * {@code JCacheMetrics} reads the statistics MBean and cannot see the tiers): JCache's counters
 * (they count while statistics are enabled), the memory tier's size, and for a hybrid cache each
 * tier's hits, the write queue's fate (queued, written, dropped, rejected) and the disk's bytes,
 * errors and health.
 *
 * <pre>{@code new CacheMeters(cache).bindTo(registry);}</pre>
 */
public final class CacheMeters implements MeterBinder {
  private final AtriumCache<?, ?> cache;
  private final Tags tags;

  public CacheMeters(javax.cache.Cache<?, ?> cache, Tag... extraTags) {
    this.cache = cache.unwrap(AtriumCache.class);
    this.tags = Tags.of("cache", cache.getName()).and(extraTags);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    CacheStatistics statistics = cache.statistics();
    counter(registry, "atrium.cache.gets", "result", "hit", statistics, CacheStatistics::getCacheHits);
    counter(registry, "atrium.cache.gets", "result", "miss", statistics, CacheStatistics::getCacheMisses);
    counter(registry, "atrium.cache.puts", null, null, statistics, CacheStatistics::getCachePuts);
    counter(registry, "atrium.cache.removals", null, null, statistics, CacheStatistics::getCacheRemovals);
    counter(registry, "atrium.cache.evictions", null, null, statistics, CacheStatistics::getCacheEvictions);
    Gauge.builder("atrium.memory.entries", cache, c -> c.storeSize())
        .tags(tags).description("entries in the memory tier").register(registry);

    HybridStore<?, ?> hybrid = cache.hybridStore();
    if (hybrid == null) {
      return;
    }
    tier(registry, "memory", hybrid, HybridStats::memoryHits);
    tier(registry, "pending", hybrid, HybridStats::pendingHits);
    tier(registry, "disk", hybrid, HybridStats::diskHits);
    tier(registry, "none", hybrid, HybridStats::misses);
    FunctionCounter.builder("atrium.tier.promotion.waits", hybrid, h -> h.stats().promotionWaits())
        .tags(tags).description("memory misses that waited for another thread's read of the same key")
        .register(registry);
    diskCounter(registry, "atrium.disk.writes", "queued", hybrid, HybridStats::queued);
    diskCounter(registry, "atrium.disk.writes", "written", hybrid, HybridStats::written);
    diskCounter(registry, "atrium.disk.writes", "dropped", hybrid, HybridStats::dropped);
    diskCounter(registry, "atrium.disk.writes", "rejected", hybrid, HybridStats::rejected);
    diskCounter(registry, "atrium.disk.writes", "cancelled", hybrid, HybridStats::cancelled);
    diskCounter(registry, "atrium.disk.errors", "io", hybrid, s -> s.disk().ioErrors());
    diskCounter(registry, "atrium.disk.errors", "corrupt", hybrid, s -> s.disk().corrupt());
    Gauge.builder("atrium.disk.bytes", hybrid, h -> h.disk().diskBytes())
        .tags(tags).baseUnit("bytes").description("bytes the disk tier's files take").register(registry);
    Gauge.builder("atrium.disk.queue.bytes", hybrid, h -> h.stats().queuedBytes())
        .tags(tags).baseUnit("bytes").description("bytes waiting for disk (estimated)").register(registry);
    Gauge.builder("atrium.disk.degraded", hybrid, h -> h.stats().disk().degraded() ? 1 : 0)
        .tags(tags).description("1 while the disk tier has switched itself off after errors")
        .register(registry);
  }

  private void counter(MeterRegistry registry, String name, String tagKey, String tagValue,
      CacheStatistics statistics, ToDoubleFunction<CacheStatistics> count) {
    Tags all = tagKey == null ? tags : tags.and(tagKey, tagValue);
    FunctionCounter.builder(name, statistics, count).tags(all).register(registry);
  }

  private void tier(MeterRegistry registry, String tier, HybridStore<?, ?> hybrid,
      ToDoubleFunction<HybridStats> count) {
    FunctionCounter.builder("atrium.tier.lookups", hybrid, h -> count.applyAsDouble(h.stats()))
        .tags(tags.and("answered-by", tier))
        .description("lookups by the tier that answered them").register(registry);
  }

  private void diskCounter(MeterRegistry registry, String name, String outcome, HybridStore<?, ?> hybrid,
      ToDoubleFunction<HybridStats> count) {
    FunctionCounter.builder(name, hybrid, h -> count.applyAsDouble(h.stats()))
        .tags(tags.and("outcome", outcome)).register(registry);
  }
}
