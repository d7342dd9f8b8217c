package dev.atrium.tiers.memory;

/** The memory tier contract for {@link EvictionPolicy#TINYLFU}. */
class TinyLfuContractTest extends MemoryTierContractTest {

  @Override
  protected EvictionPolicy policy() {
    return EvictionPolicy.TINYLFU;
  }

  /** Caffeine reclaims unread expired entries itself, after a grace period: see TinyLfuMemoryTier. */
  @Override
  protected boolean reclaimsExpiredOnWrite() {
    return false;
  }
}
