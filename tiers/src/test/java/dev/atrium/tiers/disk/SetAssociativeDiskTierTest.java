package dev.atrium.tiers.disk;

/** The contract, run against the set-associative engine. */
class SetAssociativeDiskTierTest extends DiskTierContract {
  @Override
  protected DiskTier open(DiskTierConfig config) {
    return DiskTiers.open(config);
  }
}
