/**
 * The disk tier's storage over RocksDB: the only package that imports {@code org.rocksdb}. It
 * implements {@link dev.atrium.tiers.disk.KvStore}; the options and the reasons for them are in
 * {@link dev.atrium.tiers.disk.rocksdb.RocksTuning}.
 */
package dev.atrium.tiers.disk.rocksdb;
