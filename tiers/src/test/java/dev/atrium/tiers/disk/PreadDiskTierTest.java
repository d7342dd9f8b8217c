package dev.atrium.tiers.disk;

/** The contract again, with RocksDB reading through {@code pread} instead of memory maps. */
class PreadDiskTierTest extends DiskTierContract {
  @Override
  protected DiskTier open(DiskTierConfig config) {
    return DiskTiers.open(config);
  }

  @Override
  protected DiskTierConfig.Builder config() {
    return super.config().mmapReads(false);
  }
}
