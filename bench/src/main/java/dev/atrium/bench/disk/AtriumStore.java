package dev.atrium.bench.disk;

import dev.atrium.tiers.Ticker;
import dev.atrium.tiers.disk.DiskEntry;
import dev.atrium.tiers.disk.DiskTier;
import dev.atrium.tiers.disk.DiskTierConfig;
import dev.atrium.tiers.disk.DiskTiers;
import java.nio.file.Path;

/** Atrium's disk tier, through its engine contract. */
final class AtriumStore implements BenchStore {
  final DiskTier tier;
  private final byte[][] keys;

  AtriumStore(Path dir, long budgetBytes, byte[][] keys) {
    this.tier = DiskTiers.open(DiskTierConfig.builder(dir).budgetBytes(budgetBytes).build());
    this.keys = keys;
  }

  @Override
  public byte[] get(int index) {
    DiskEntry e = tier.load(keys[index]);
    return e == null ? null : e.value();
  }

  @Override
  public void put(int index, byte[] value) {
    tier.store(keys[index], value, Ticker.NEVER);
  }

  @Override
  public void flush() {
    tier.flush();
  }

  @Override
  public String engineProperty(String name) {
    return tier.engineProperty(name);
  }

  @Override
  public void close() {
    tier.close();
  }
}
