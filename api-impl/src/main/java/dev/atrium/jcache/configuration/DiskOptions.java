package dev.atrium.jcache.configuration;

import dev.atrium.tiers.disk.Compression;
import dev.atrium.tiers.hybrid.WritePolicy;
import dev.atrium.tiers.serde.Serializer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The disk tier of a cache: none (memory-only, the default) unless a budget is set.
 *
 * @param budgetBytes the bound on the disk tier's bytes on disk; 0 means no disk tier
 * @param directory where its files go; null means a directory of its own under
 *     {@code java.io.tmpdir}/atrium
 * @param persistent whether entries survive a restart (default false: files are wiped at open)
 * @param compression RocksDB block compression (default LZ4)
 * @param mmapReads whether RocksDB reads its table files through memory maps (default true):
 *     about twice the disk-hit throughput when the files sit in the OS page cache, at the price
 *     that a hardware read error (EIO) in a mapped file kills the process with SIGBUS instead of
 *     being a counted miss; turn it off where the disk is not trusted
 * @param writePolicy when entries reach disk (default on eviction from memory)
 * @param maxEntryBytes the largest serialized entry admitted to disk (default 8 MiB)
 * @param bytesPerSecond the disk write rate limit (default 0: none)
 * @param writeQueueBytes the bound on bytes waiting for disk (default 16 MiB)
 * @param allowedClasses class name patterns that Java-serialized values read back from disk may
 *     instantiate, beyond the JDK's value types and the cache's key and value types
 *     ({@code com.example.Item}, {@code com.example.*}, {@code com.example.**})
 * @param keySerializer keys to bytes, or null for the default tagged serializer
 * @param valueSerializer values to bytes, or null for the default tagged serializer
 */
public record DiskOptions(
    long budgetBytes,
    Path directory,
    boolean persistent,
    Compression compression,
    boolean mmapReads,
    WritePolicy writePolicy,
    int maxEntryBytes,
    long bytesPerSecond,
    long writeQueueBytes,
    List<String> allowedClasses,
    Serializer<?> keySerializer,
    Serializer<?> valueSerializer) {

  /** No disk tier. */
  public static final DiskOptions NONE = new DiskOptions(0, null, false, Compression.LZ4, true,
      WritePolicy.ON_EVICTION, 8 << 20, 0, 16L << 20, List.of(), null, null);

  public DiskOptions {
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(writePolicy, "writePolicy");
    allowedClasses = List.copyOf(allowedClasses);
    if (budgetBytes != 0 && budgetBytes < (1L << 20)) {
      throw new IllegalArgumentException("a disk budget must be 0 (no disk tier) or at least 1 MiB, was "
          + budgetBytes);
    }
    if (maxEntryBytes <= 0 || bytesPerSecond < 0 || writeQueueBytes <= 0) {
      throw new IllegalArgumentException("maxEntryBytes and writeQueueBytes must be > 0 and "
          + "bytesPerSecond >= 0");
    }
  }

  public boolean enabled() {
    return budgetBytes > 0;
  }

  public DiskOptions withBudget(long bytes) {
    return new DiskOptions(bytes, directory, persistent, compression, mmapReads,
        writePolicy, maxEntryBytes, bytesPerSecond, writeQueueBytes, allowedClasses, keySerializer, valueSerializer);
  }

  public DiskOptions withDirectory(Path path) {
    return new DiskOptions(budgetBytes, path, persistent, compression, mmapReads,
        writePolicy, maxEntryBytes, bytesPerSecond, writeQueueBytes, allowedClasses, keySerializer, valueSerializer);
  }

  public DiskOptions withPersistent(boolean on) {
    return new DiskOptions(budgetBytes, directory, on, compression, mmapReads,
        writePolicy, maxEntryBytes, bytesPerSecond, writeQueueBytes, allowedClasses, keySerializer, valueSerializer);
  }

  public DiskOptions withCompression(Compression codec) {
    return new DiskOptions(budgetBytes, directory, persistent, codec, mmapReads,
        writePolicy, maxEntryBytes, bytesPerSecond, writeQueueBytes, allowedClasses, keySerializer, valueSerializer);
  }

  public DiskOptions withMmapReads(boolean on) {
    return new DiskOptions(budgetBytes, directory, persistent, compression, on, writePolicy,
        maxEntryBytes, bytesPerSecond, writeQueueBytes, allowedClasses, keySerializer, valueSerializer);
  }

  public DiskOptions withWritePolicy(WritePolicy policy) {
    return new DiskOptions(budgetBytes, directory, persistent, compression, mmapReads,
        policy, maxEntryBytes, bytesPerSecond, writeQueueBytes, allowedClasses, keySerializer, valueSerializer);
  }

  public DiskOptions withAdmission(int maxBytes, long perSecond, long queueBytes) {
    return new DiskOptions(budgetBytes, directory, persistent, compression, mmapReads,
        writePolicy, maxBytes, perSecond, queueBytes, allowedClasses, keySerializer, valueSerializer);
  }

  public DiskOptions withAllowedClasses(List<String> patterns) {
    return new DiskOptions(budgetBytes, directory, persistent, compression, mmapReads,
        writePolicy, maxEntryBytes, bytesPerSecond, writeQueueBytes, patterns, keySerializer, valueSerializer);
  }

  public DiskOptions withSerializers(Serializer<?> keys, Serializer<?> values) {
    return new DiskOptions(budgetBytes, directory, persistent, compression, mmapReads,
        writePolicy, maxEntryBytes, bytesPerSecond, writeQueueBytes, allowedClasses, keys, values);
  }
}
