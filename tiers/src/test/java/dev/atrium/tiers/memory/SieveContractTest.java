package dev.atrium.tiers.memory;

/** The memory tier contract for {@link EvictionPolicy#SIEVE}. */
class SieveContractTest extends MemoryTierContractTest {

  @Override
  protected EvictionPolicy policy() {
    return EvictionPolicy.SIEVE;
  }
}
