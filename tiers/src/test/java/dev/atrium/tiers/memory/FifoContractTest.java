package dev.atrium.tiers.memory;

/** The memory tier contract for {@link EvictionPolicy#FIFO}. */
class FifoContractTest extends MemoryTierContractTest {

  @Override
  protected EvictionPolicy policy() {
    return EvictionPolicy.FIFO;
  }
}
