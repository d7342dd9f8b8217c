package dev.atrium.examples;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import dev.atrium.tiers.hybrid.HybridStats;
import dev.atrium.tiers.hybrid.HybridStore;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Factory;
import javax.cache.integration.CacheLoader;

/**
 * Why a hybrid cache: a read-through cache in front of a slow object store (an HTTP server on
 * loopback that takes 30 ms a GET, standing in for S3), read by several threads with Zipfian
 * (s = 0.99) popularity over a working set ten times the memory tier. It runs twice on the same
 * key stream: memory-only, then hybrid (the same memory bound over a disk tier that holds every
 * object). Each run warms up unmeasured, then measures; it prints where reads were answered, how
 * many reached the store, and the latency of {@code cache.get}.
 *
 * <p>{@code --requests N --warmup N --objects N --memory N --threads N} change the workload.
 */
public final class ObjectStoreDemo {
  static final long STORE_DELAY_MILLIS = 30;
  static final double ZIPF_EXPONENT = 0.99;
  static final long SEED = 42;

  private ObjectStoreDemo() {}

  public static void main(String[] args) throws Exception {
    DemoOptions options;
    try {
      options = DemoOptions.parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println("ObjectStoreDemo: " + e.getMessage());
      System.err.println(DemoOptions.USAGE);
      throw e;
    }
    run(options, System.out);
  }

  static void run(DemoOptions options, PrintStream out) throws IOException, InterruptedException {
    out.printf("Object store demo: %,d objects of 1-4 KiB behind a %d ms store, Zipf s=%.2f, "
            + "memory tier %,d entries;%n"
            + "each run: %,d warm-up reads (%d threads, not measured), then %,d measured reads (%d threads)%n",
        options.objects(), STORE_DELAY_MILLIS, ZIPF_EXPONENT, options.memory(),
        options.warmup(), warmupThreads(options), options.requests(), options.threads());
    int[] ids = ZipfKeys.generate(options.objects(), ZIPF_EXPONENT, options.warmup() + options.requests(), SEED);
    long start = System.nanoTime();
    CacheManager manager = Caching.getCachingProvider().getCacheManager();
    try (SlowObjectStore store = SlowObjectStore.start(options.objects(), STORE_DELAY_MILLIS)) {
      RunReport memoryOnly = runOnce("memory-only", memoryOnly(options, store), manager, store, options, ids, out);
      RunReport hybrid = runOnce("hybrid", hybrid(options, store), manager, store, options, ids, out);
      out.println(comparison(memoryOnly, hybrid));
      out.printf("(both runs, warm-ups included: %.1f s)%n", (System.nanoTime() - start) / 1e9);
    } finally {
      manager.close();
    }
  }

  /** The memory tier both runs share: the default policy (S3-FIFO), bounded in entries. */
  private static AtriumConfiguration<String, byte[]> memoryOnly(DemoOptions options, SlowObjectStore store) {
    ObjectStoreLoader loader = new ObjectStoreLoader(store.base());
    Factory<CacheLoader<String, byte[]>> loaderFactory = () -> loader;
    return new AtriumConfiguration<String, byte[]>()
        .setTypes(String.class, byte[].class)
        .maximumSize(options.memory())
        .setStoreByValue(false)
        .setReadThrough(true)
        .setCacheLoaderFactory(loaderFactory)
        .setStatisticsEnabled(true);
  }

  /** The same memory tier over a disk tier big enough for every object (about 2.5 KiB each). */
  private static AtriumConfiguration<String, byte[]> hybrid(DemoOptions options, SlowObjectStore store) {
    long budget = Math.max(64L << 20, options.objects() * 16L * 1024);
    return memoryOnly(options, store).diskBudget(budget);
  }

  static int warmupThreads(DemoOptions options) {
    return Math.min(256, 4 * options.threads());
  }

  private static RunReport runOnce(String name, AtriumConfiguration<String, byte[]> config,
      CacheManager manager, SlowObjectStore store, DemoOptions options, int[] ids, PrintStream out)
      throws InterruptedException {
    String cacheName = "objects-" + name;
    Cache<String, byte[]> cache = manager.createCache(cacheName, config);
    try {
      LoadDriver driver = new LoadDriver(cache, options.objects());
      out.flush();
      // unmeasured, so more threads: the warm-up's time is mostly spent waiting for the store
      LoadDriver.Phase warmup = driver.run(name + " warm-up", ids, 0, options.warmup(), warmupThreads(options));
      TierCounts tiersBefore = TierCounts.of(cache);
      long storeBefore = store.requests();
      LoadDriver.Phase measured = driver.run(name + " measured", ids, options.warmup(), ids.length,
          options.threads());
      RunReport report = new RunReport(name, TierCounts.of(cache).minus(tiersBefore),
          store.requests() - storeBefore, measured, warmup.wallNanos());
      report.print(out);
      HybridStore<?, ?> hybrid = TierCounts.hybridStore(cache);
      if (hybrid != null) {
        HybridStats stats = hybrid.stats();
        out.printf("  disk tier:       %,d entries written, %,d dropped (write queue full), %,d rejected%n",
            stats.written(), stats.dropped(), stats.rejected());
      }
      return report;
    } finally {
      manager.destroyCache(cacheName);
    }
  }

  /** One line: how many fewer requests the hybrid run sent, and what it did to latency. */
  static String comparison(RunReport memoryOnly, RunReport hybrid) {
    String fewer = hybrid.storeRequests == 0
        ? "no requests to the store (memory-only sent " + String.format("%,d", memoryOnly.storeRequests) + ")"
        : String.format("%.1fx fewer requests to the store (%,d -> %,d)",
            (double) memoryOnly.storeRequests / hybrid.storeRequests, memoryOnly.storeRequests, hybrid.storeRequests);
    return String.format("=> hybrid sent %s; cache.get p90 %s -> %s, p99 %s -> %s, mean %s -> %s",
        fewer, RunReport.millis(memoryOnly.percentile(90)), RunReport.millis(hybrid.percentile(90)),
        RunReport.millis(memoryOnly.percentile(99)), RunReport.millis(hybrid.percentile(99)),
        RunReport.millis(memoryOnly.meanNanos()), RunReport.millis(hybrid.meanNanos()));
  }
}
