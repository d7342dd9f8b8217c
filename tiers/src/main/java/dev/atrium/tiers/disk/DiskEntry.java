package dev.atrium.tiers.disk;

/**
 * An entry read from the disk tier.
 *
 * @param key the key bytes (the caller's array on {@link DiskTier#load}, a copy when iterating)
 * @param value the value bytes, checksum-verified, owned by the caller
 * @param deadline when it expires, a reading of the tier's ticker, or {@code Ticker.NEVER}
 */
public record DiskEntry(byte[] key, byte[] value, long deadline) {}
