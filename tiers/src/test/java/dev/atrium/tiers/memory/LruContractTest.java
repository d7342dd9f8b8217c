package dev.atrium.tiers.memory;

/** The memory tier contract for {@link EvictionPolicy#LRU}. */
class LruContractTest extends MemoryTierContractTest {

  @Override
  protected EvictionPolicy policy() {
    return EvictionPolicy.LRU;
  }
}
