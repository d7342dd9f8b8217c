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
}
