package dev.atrium.bench.disk;

/** The operations the disk benchmarks compare, over key indexes and byte values. */
interface BenchStore extends AutoCloseable {

  /** The value of key {@code index}, or null. */
  byte[] get(int index);

  void put(int index, byte[] value);

  /** Makes what was written disk-resident (flushes memtables). */
  void flush();

  /** A RocksDB property of the store's data (e.g. {@code rocksdb.stats}), or null if none. */
  default String engineProperty(String name) {
    return null;
  }

  @Override
  void close();

  /** The key bytes of index {@code i}, the same for every byte-keyed store. */
  static byte[] key(int i) {
    return String.format("key-%08d", i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
