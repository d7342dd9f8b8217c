package dev.atrium.tiers.memory;

/** Why an entry left a memory tier. Each cause is reported once per entry that leaves. */
public enum RemovalCause {
  /** Pushed out by the eviction policy to stay within the bound (entry count or weight). */
  CAPACITY,
  /** Its deadline passed; found by a read, a write or the background reclamation. */
  EXPIRED,
  /** Removed by the caller ({@code remove}, or a computation that removed it). */
  EXPLICIT,
  /** Never admitted: heavier than the tier's whole capacity. Any older value of its key is gone. */
  OVERSIZED;

  /** Whether the tier chose to drop the entry (as opposed to the caller asking for it). */
  public boolean wasEvicted() {
    return this == CAPACITY || this == EXPIRED || this == OVERSIZED;
  }
}
