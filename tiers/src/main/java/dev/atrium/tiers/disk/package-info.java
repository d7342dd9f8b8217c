/**
 * The disk tier: {@link dev.atrium.tiers.disk.DiskTier} (the engine contract),
 * {@link dev.atrium.tiers.disk.DiskTierConfig} and {@link dev.atrium.tiers.disk.DiskTiers}; the
 * engine {@code SetAssociativeDiskTier} (a set-associative log after Kangaroo, SOSP'21) with its
 * heap filters, health gate and directory handling. Record bytes live in {@code disk.format},
 * RocksDB in {@code disk.rocksdb} (the only package that imports it), behind
 * {@link dev.atrium.tiers.disk.KvStore}.
 */
package dev.atrium.tiers.disk;
