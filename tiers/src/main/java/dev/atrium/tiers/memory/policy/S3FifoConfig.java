package dev.atrium.tiers.memory.policy;

/**
 * The tunables of {@link S3FifoEviction}, with the paper's values as defaults (Yang et al., SOSP'23,
 * section 4: "S is 10% of the cache space", the ghost queue "stores as many entries as the main
 * queue", frequencies are two bits).
 *
 * @param smallRatio the share of a shard's capacity that the small (probationary) queue may fill
 *     before eviction takes from it; default {@value #DEFAULT_SMALL_RATIO}
 * @param ghostRatio the ghost queue's capacity as a multiple of the main queue's share of the
 *     capacity ({@code (1 - smallRatio) * capacity}), counted in the weight of the keys it remembers;
 *     default {@value #DEFAULT_GHOST_RATIO}; 0 disables the ghost
 * @param maxFrequency where the per-entry access counter saturates; default {@value #DEFAULT_MAX_FREQUENCY}
 *     (two bits)
 * @param promotionThreshold an entry leaving the small queue moves to the main queue when its
 *     frequency is greater than this; default {@value #DEFAULT_PROMOTION_THRESHOLD}, the paper's
 *     Algorithm 1 ({@code t.freq > 1}); some implementations use 0
 */
public record S3FifoConfig(double smallRatio, double ghostRatio, int maxFrequency, int promotionThreshold) {
  public static final double DEFAULT_SMALL_RATIO = 0.10;
  public static final double DEFAULT_GHOST_RATIO = 1.0;
  public static final int DEFAULT_MAX_FREQUENCY = 3;
  public static final int DEFAULT_PROMOTION_THRESHOLD = 1;

  /** The paper's configuration. */
  public static final S3FifoConfig DEFAULTS = new S3FifoConfig(
      DEFAULT_SMALL_RATIO, DEFAULT_GHOST_RATIO, DEFAULT_MAX_FREQUENCY, DEFAULT_PROMOTION_THRESHOLD);

  public S3FifoConfig {
    if (!(smallRatio > 0 && smallRatio < 1)) {
      throw new IllegalArgumentException("smallRatio must be in (0, 1), was " + smallRatio);
    }
    if (!(ghostRatio >= 0 && ghostRatio <= 16)) {
      throw new IllegalArgumentException("ghostRatio must be in [0, 16], was " + ghostRatio);
    }
    if (maxFrequency < 1 || maxFrequency > 127) {
      throw new IllegalArgumentException("maxFrequency must be in [1, 127], was " + maxFrequency);
    }
    if (promotionThreshold < 0 || promotionThreshold >= maxFrequency) {
      throw new IllegalArgumentException("promotionThreshold must be in [0, maxFrequency), was "
          + promotionThreshold);
    }
  }
}
