package dev.atrium.tiers.hybrid;

/** When an entry reaches the disk tier. */
public enum WritePolicy {
  /**
   * When the memory tier evicts it (the default): disk holds what memory cannot, and an entry
   * that lives and dies in memory never costs a disk write.
   */
  ON_EVICTION,
  /**
   * When it is written: every put is also queued for disk, so a persistent cache holds recent
   * entries even after a crash, at the cost of a disk write per put.
   */
  ON_INSERTION
}
