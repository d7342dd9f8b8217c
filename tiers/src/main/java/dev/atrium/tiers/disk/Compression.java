package dev.atrium.tiers.disk;

/**
 * How RocksDB compresses the tier's data blocks. LZ4 (the default) costs little CPU and often
 * halves text-like values; ZSTD compresses better for more CPU; NONE is for values that are
 * already compressed or when CPU is the bottleneck.
 */
public enum Compression {
  NONE,
  LZ4,
  ZSTD
}
