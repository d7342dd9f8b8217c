package dev.atrium.tiers.memory;

/** The memory tier contract for {@link EvictionPolicy#S3FIFO}. */
class S3FifoContractTest extends MemoryTierContractTest {

  @Override
  protected EvictionPolicy policy() {
    return EvictionPolicy.S3FIFO;
  }
}
