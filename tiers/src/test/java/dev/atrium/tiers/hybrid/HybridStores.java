package dev.atrium.tiers.hybrid;

import dev.atrium.tiers.Ticker;
import dev.atrium.tiers.disk.DiskTierConfig;
import dev.atrium.tiers.memory.EvictionPolicy;
import dev.atrium.tiers.memory.MemoryTierConfig;
import dev.atrium.tiers.memory.RemovalListener;
import dev.atrium.tiers.serde.AllowList;
import dev.atrium.tiers.serde.TaggedSerializer;
import java.nio.file.Path;
import java.util.List;

/** Hybrid stores for tests: a small memory tier over a small disk tier in a test directory. */
final class HybridStores {
  private HybridStores() {}

  static HybridConfig.Builder<String, String> config(Path directory, long memoryEntries,
      EvictionPolicy policy, Ticker ticker, RemovalListener<String, String> listener) {
    MemoryTierConfig<String, String> memory = MemoryTierConfig.<String, String>builder()
        .policy(policy)
        .maximumSize(memoryEntries)
        .shards(1)
        .ticker(ticker)
        .removalListener(listener)
        .build();
    DiskTierConfig disk = DiskTierConfig.builder(directory)
        .budgetBytes(8L << 20)
        .setBytes(4 << 10)
        .ticker(ticker)
        .build();
    TaggedSerializer<String> serializer = new TaggedSerializer<>(
        HybridStores.class.getClassLoader(), AllowList.of(List.of()));
    return HybridConfig.builder(memory, disk, serializer, serializer);
  }

  static HybridStore<String, String> open(Path directory, long memoryEntries, EvictionPolicy policy) {
    return HybridStore.open(config(directory, memoryEntries, policy, Ticker.system(),
        RemovalListener.none()).build(), "test");
  }
}
