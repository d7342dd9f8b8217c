package dev.atrium.tiers.disk;

import java.util.List;

/**
 * Records a {@link KvStore} had accepted but could not write (a {@link BufferedKvStore} batch
 * that failed): the tier must treat each of their slot keys as a lost write, so that an older
 * record of the same key is never read.
 */
final class UnwrittenRecords extends StoreException {
  private final transient List<byte[]> slotKeys;

  UnwrittenRecords(StoreException cause, List<byte[]> slotKeys) {
    super(cause.getMessage() + " (" + slotKeys.size() + " buffered records not written)",
        cause, cause.corruption());
    this.slotKeys = List.copyOf(slotKeys);
  }

  /** The slot keys whose newest record did not reach the store. */
  List<byte[]> slotKeys() {
    return slotKeys;
  }
}
