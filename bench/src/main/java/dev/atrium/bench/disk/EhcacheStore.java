package dev.atrium.bench.disk;

import java.nio.file.Path;
import org.ehcache.Cache;
import org.ehcache.PersistentCacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.EntryUnit;
import org.ehcache.config.units.MemoryUnit;

/**
 * Ehcache 3's disk tier through its own API: a 10-entry heap tier (the smallest useful; Ehcache needs one) over a disk tier, Long keys,
 * byte[] values, not persistent.
 */
final class EhcacheStore implements BenchStore {
  private final PersistentCacheManager manager;
  private final Cache<Long, byte[]> cache;

  EhcacheStore(Path dir, long budgetBytes) {
    manager = CacheManagerBuilder.newCacheManagerBuilder()
        .with(CacheManagerBuilder.persistence(dir.toFile()))
        .withCache("bench", CacheConfigurationBuilder.newCacheConfigurationBuilder(
            Long.class, byte[].class,
            ResourcePoolsBuilder.newResourcePoolsBuilder()
                .heap(10, EntryUnit.ENTRIES)
                .disk(budgetBytes >> 20, MemoryUnit.MB, false)))
        .build(true);
    cache = manager.getCache("bench", Long.class, byte[].class);
  }

  @Override
  public byte[] get(int index) {
    return cache.get((long) index);
  }

  @Override
  public void put(int index, byte[] value) {
    cache.put((long) index, value);
  }

  @Override
  public void flush() {
    // Ehcache's disk tier writes through to its files; nothing to flush
  }

  @Override
  public void close() {
    manager.close();
  }
}
