package dev.atrium.tiers.memory;

import dev.atrium.tiers.Ticker;
import dev.atrium.tiers.memory.policy.S3FifoConfig;
import java.util.Objects;

/**
 * The shape of a memory tier: its eviction policy, its bound (entry count, or total weight with a
 * weigher), its sharding, its clock and where its victims go.
 *
 * @param policy the eviction policy
 * @param capacity the maximum entry count, or the maximum total weight when {@code weigher} is set
 * @param weigher the weight of an entry, or null to bound by entry count
 * @param shards the number of shards (a power of two), or 0 for the default of the policy
 * @param ticker the clock deadlines are read from
 * @param removalListener receives every entry that leaves the tier
 * @param s3Fifo the tunables of {@link EvictionPolicy#S3FIFO} (ignored by the other policies);
 *     null means {@link S3FifoConfig#DEFAULTS}, the paper's values
 * @param expiring whether entries may carry deadlines; see {@link Builder#expiring}
 */
public record MemoryTierConfig<K, V>(
    EvictionPolicy policy,
    long capacity,
    Weigher<K, V> weigher,
    int shards,
    Ticker ticker,
    RemovalListener<K, V> removalListener,
    S3FifoConfig s3Fifo,
    boolean expiring) {

  public MemoryTierConfig {
    if (s3Fifo == null) {
      s3Fifo = S3FifoConfig.DEFAULTS;
    }
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(removalListener, "removalListener");
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0, was " + capacity);
    }
    if (shards < 0 || (shards != 0 && Integer.bitCount(shards) != 1)) {
      throw new IllegalArgumentException("shards must be 0 (default) or a power of two, was " + shards);
    }
  }

  /** A configuration with the default tunables of every policy. */
  public MemoryTierConfig(EvictionPolicy policy, long capacity, Weigher<K, V> weigher, int shards,
      Ticker ticker, RemovalListener<K, V> removalListener) {
    this(policy, capacity, weigher, shards, ticker, removalListener, S3FifoConfig.DEFAULTS, true);
  }

  public MemoryTierConfig(EvictionPolicy policy, long capacity, Weigher<K, V> weigher, int shards,
      Ticker ticker, RemovalListener<K, V> removalListener, S3FifoConfig s3Fifo) {
    this(policy, capacity, weigher, shards, ticker, removalListener, s3Fifo, true);
  }

  /** The same shape with its victims sent to {@code listener} instead. */
  public MemoryTierConfig<K, V> withRemovalListener(RemovalListener<K, V> listener) {
    return new MemoryTierConfig<>(policy, capacity, weigher, shards, ticker, listener, s3Fifo, expiring);
  }

  /** Whether {@code value} is too heavy for the whole tier (never true when bounded by count). */
  public boolean isOversized(K key, V value) {
    return weigher != null && weigh(key, value) > capacity;
  }

  /** Whether the bound is a total weight rather than an entry count. */
  public boolean weighted() {
    return weigher != null;
  }

  /** The weight of one entry under this configuration: 1 when bounded by count. */
  public int weigh(K key, V value) {
    if (weigher == null) {
      return 1;
    }
    int weight = weigher.weigh(key, value);
    if (weight < 0) {
      throw new IllegalArgumentException("weigher returned a negative weight " + weight + " for " + key);
    }
    return weight;
  }

  public static <K, V> Builder<K, V> builder() {
    return new Builder<>();
  }

  /** Builds a {@link MemoryTierConfig}; defaults: S3-FIFO, 10,000 entries, system clock. */
  public static final class Builder<K, V> {
    private EvictionPolicy policy = EvictionPolicy.S3FIFO;
    private long capacity = 10_000;
    private Weigher<K, V> weigher;
    private int shards;
    private Ticker ticker = Ticker.system();
    private RemovalListener<K, V> removalListener = RemovalListener.none();
    private S3FifoConfig s3Fifo = S3FifoConfig.DEFAULTS;
    private boolean expiring = true;

    public Builder<K, V> policy(EvictionPolicy policy) {
      this.policy = policy;
      return this;
    }

    public Builder<K, V> maximumSize(long entries) {
      this.capacity = entries;
      this.weigher = null;
      return this;
    }

    public Builder<K, V> maximumWeight(long weight, Weigher<K, V> weigher) {
      this.capacity = weight;
      this.weigher = Objects.requireNonNull(weigher, "weigher");
      return this;
    }

    public Builder<K, V> shards(int shards) {
      this.shards = shards;
      return this;
    }

    public Builder<K, V> ticker(Ticker ticker) {
      this.ticker = ticker;
      return this;
    }

    public Builder<K, V> removalListener(RemovalListener<K, V> removalListener) {
      this.removalListener = removalListener;
      return this;
    }

    /**
     * Whether entries may carry deadlines (default true). A tier told they never will (a cache
     * whose expiry policy is eternal) can skip the bookkeeping: W-TinyLFU then runs Caffeine
     * without its timer wheel. Deadlines given anyway are still honoured on every read.
     */
    public Builder<K, V> expiring(boolean expiring) {
      this.expiring = expiring;
      return this;
    }

    /** The tunables of S3-FIFO; the paper's values ({@link S3FifoConfig#DEFAULTS}) unless set. */
    public Builder<K, V> s3Fifo(S3FifoConfig s3Fifo) {
      this.s3Fifo = Objects.requireNonNull(s3Fifo, "s3Fifo");
      return this;
    }

    public MemoryTierConfig<K, V> build() {
      return new MemoryTierConfig<>(policy, capacity, weigher, shards, ticker, removalListener, s3Fifo,
          expiring);
    }
  }
}
