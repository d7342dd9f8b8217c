package dev.atrium.tiers.hybrid;

import dev.atrium.tiers.disk.DiskTierConfig;
import dev.atrium.tiers.memory.MemoryTierConfig;
import dev.atrium.tiers.serde.Serializer;
import java.util.Objects;

/**
 * The shape of a hybrid store: its memory tier, its disk tier, how keys and values become bytes,
 * and how writes reach disk.
 *
 * @param memory the memory tier (its removal listener receives what leaves the whole store)
 * @param disk the disk tier
 * @param keySerializer keys to bytes and back
 * @param valueSerializer values to bytes and back
 * @param writePolicy when entries reach disk (default {@link WritePolicy#ON_EVICTION})
 * @param writeQueueBytes the bound on bytes waiting for disk (default 16 MiB); past it writes are
 *     dropped and counted, never blocking the caller nor growing the heap
 * @param maxEntryBytes the largest serialized entry admitted to disk (default 8 MiB)
 * @param bytesPerSecond the disk write rate limit (default 0: none)
 * @param writerThreads background threads writing to disk (default 1)
 * @param keepReferences whether reads from disk return the original object while it is still alive
 *     (store-by-reference caches; see {@code ReferenceKeeper}) rather than the copy disk holds
 * @param ownsDirectory whether the disk directory was made for this store alone, to be deleted
 *     when a non-persistent store closes (default false: the directory is the caller's)
 */
public record HybridConfig<K, V>(
    MemoryTierConfig<K, V> memory,
    DiskTierConfig disk,
    Serializer<K> keySerializer,
    Serializer<V> valueSerializer,
    WritePolicy writePolicy,
    long writeQueueBytes,
    int maxEntryBytes,
    long bytesPerSecond,
    int writerThreads,
    boolean keepReferences,
    boolean ownsDirectory) {

  public HybridConfig {
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(disk, "disk");
    Objects.requireNonNull(keySerializer, "keySerializer");
    Objects.requireNonNull(valueSerializer, "valueSerializer");
    Objects.requireNonNull(writePolicy, "writePolicy");
    if (writeQueueBytes <= 0) {
      throw new IllegalArgumentException("writeQueueBytes must be > 0, was " + writeQueueBytes);
    }
    if (maxEntryBytes <= 0) {
      throw new IllegalArgumentException("maxEntryBytes must be > 0, was " + maxEntryBytes);
    }
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("bytesPerSecond must be >= 0, was " + bytesPerSecond);
    }
    if (writerThreads < 1) {
      throw new IllegalArgumentException("writerThreads must be >= 1, was " + writerThreads);
    }
  }

  public static <K, V> Builder<K, V> builder(MemoryTierConfig<K, V> memory, DiskTierConfig disk,
      Serializer<K> keySerializer, Serializer<V> valueSerializer) {
    return new Builder<>(memory, disk, keySerializer, valueSerializer);
  }

  /** Builds a {@link HybridConfig}; see the record's components for the defaults. */
  public static final class Builder<K, V> {
    private final MemoryTierConfig<K, V> memory;
    private final DiskTierConfig disk;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private WritePolicy writePolicy = WritePolicy.ON_EVICTION;
    private long writeQueueBytes = 16L << 20;
    private int maxEntryBytes = 8 << 20;
    private long bytesPerSecond;
    private int writerThreads = 1;
    private boolean ownsDirectory;
    private boolean keepReferences;

    private Builder(MemoryTierConfig<K, V> memory, DiskTierConfig disk, Serializer<K> keySerializer,
        Serializer<V> valueSerializer) {
      this.memory = memory;
      this.disk = disk;
      this.keySerializer = keySerializer;
      this.valueSerializer = valueSerializer;
    }

    public Builder<K, V> writePolicy(WritePolicy writePolicy) {
      this.writePolicy = writePolicy;
      return this;
    }

    public Builder<K, V> writeQueueBytes(long writeQueueBytes) {
      this.writeQueueBytes = writeQueueBytes;
      return this;
    }

    public Builder<K, V> maxEntryBytes(int maxEntryBytes) {
      this.maxEntryBytes = maxEntryBytes;
      return this;
    }

    public Builder<K, V> bytesPerSecond(long bytesPerSecond) {
      this.bytesPerSecond = bytesPerSecond;
      return this;
    }

    public Builder<K, V> writerThreads(int writerThreads) {
      this.writerThreads = writerThreads;
      return this;
    }

    public Builder<K, V> keepReferences(boolean keepReferences) {
      this.keepReferences = keepReferences;
      return this;
    }

    public Builder<K, V> ownsDirectory(boolean ownsDirectory) {
      this.ownsDirectory = ownsDirectory;
      return this;
    }

    public HybridConfig<K, V> build() {
      return new HybridConfig<>(memory, disk, keySerializer, valueSerializer, writePolicy,
          writeQueueBytes, maxEntryBytes, bytesPerSecond, writerThreads, keepReferences, ownsDirectory);
    }
  }
}
