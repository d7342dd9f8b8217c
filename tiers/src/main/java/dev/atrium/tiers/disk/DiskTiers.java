package dev.atrium.tiers.disk;

/** Opens disk tiers. */
public final class DiskTiers {
  private DiskTiers() {}

  /**
   * Opens the disk tier {@code config} describes: wipes its directory unless it is persistent and
   * intact, recovers the filters from the data otherwise.
   *
   * @throws IllegalStateException if another tier (in this process or another) has the
   *     directory open
   * @throws java.io.UncheckedIOException if the directory cannot be created or locked
   */
  public static DiskTier open(DiskTierConfig config) {
    return SetAssociativeDiskTier.open(config);
  }

  /**
   * The logical bytes of set records a tier with {@code budgetBytes} holds: what it gives
   * {@code RocksTuning.setOptions} to size the set column family's buffers and levels.
   */
  public static long setsBytes(long budgetBytes) {
    return SetAssociativeDiskTier.setsBytes(budgetBytes);
  }

  /** The bound of the large-value log of a tier with {@code budgetBytes}. */
  public static long largeBytes(long budgetBytes) {
    return SetAssociativeDiskTier.largeBytes(budgetBytes);
  }
}
