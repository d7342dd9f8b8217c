package dev.atrium.tiers.disk;

/**
 * The murmur3 64-bit finalizer (Appleby's {@code fmix64}): spreads every input bit over every
 * output bit, for the in-memory tables that index by bits a slot or slot key holds unevenly
 * ({@link SetFilters}' probes, {@link WrittenLengths}' entries).
 */
final class Mix64 {
  private Mix64() {}

  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}
