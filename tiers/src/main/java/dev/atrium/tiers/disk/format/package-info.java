/**
 * The bytes of the disk tier: the key hash ({@link dev.atrium.tiers.disk.format.XxHash64}), the
 * RocksDB key of a record ({@link dev.atrium.tiers.disk.format.SlotKey}) and the record layout
 * with its checksum ({@link dev.atrium.tiers.disk.format.RecordCodec}). Versioned; pure Java, no
 * I/O.
 */
package dev.atrium.tiers.disk.format;
