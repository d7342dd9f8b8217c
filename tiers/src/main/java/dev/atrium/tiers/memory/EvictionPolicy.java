package dev.atrium.tiers.memory;

import java.util.Locale;

/**
 * The eviction policies a memory tier can run. The configuration string of each is its
 * {@link #configName()} ({@code lru}, {@code fifo}, {@code sieve}, {@code s3fifo}, {@code tinylfu}).
 */
public enum EvictionPolicy {
  /** Least recently used: a hit moves the entry to the head; the tail is evicted. */
  LRU,
  /** First in, first out: hits change nothing; the oldest insertion is evicted. */
  FIFO,
  /** SIEVE (Zhang et al., NSDI'24): FIFO order, a visited bit, a hand that sweeps from the tail. */
  SIEVE,
  /** S3-FIFO (Yang et al., SOSP'23): small and main FIFO queues with a ghost queue of keys. */
  S3FIFO,
  /** Window TinyLFU with hill climbing, through Caffeine. */
  TINYLFU;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The policy named {@code name} (case-insensitive). */
  public static EvictionPolicy fromName(String name) {
    for (EvictionPolicy policy : values()) {
      if (policy.configName().equalsIgnoreCase(name.trim())) {
        return policy;
      }
    }
    throw new IllegalArgumentException("unknown eviction policy '" + name
        + "': expected one of lru, fifo, sieve, s3fifo, tinylfu");
  }
}
