package dev.atrium.bench.jcache;

/**
 * Atrium's caches, one per eviction policy. Until Atrium's own configuration class is merged, only
 * {@code tinylfu} (the default policy) can be created, from a plain {@code MutableConfiguration},
 * and its bound is Atrium's default; the other policies fail in setup with a message saying so.
 */
final class AtriumCaches {
  private AtriumCaches() {}

  static BenchCache<Integer, Integer> create(String policy, String name, int capacity) {
    if (!policy.equals("tinylfu")) {
      throw new UnsupportedOperationException("atrium-" + policy + ": choosing Atrium's eviction policy needs"
          + " its configuration class, not in this build yet; exclude it with -p provider=...");
    }
    try {
      Class.forName(Providers.ATRIUM, false, AtriumCaches.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new UnsupportedOperationException("atrium-" + policy + ": " + Providers.ATRIUM
          + " is not in this build yet; exclude it with -p provider=...", e);
    }
    return new JCacheBenchCache<>(Providers.manager(Providers.ATRIUM), name, Providers.byReference());
  }
}
