package dev.atrium.bench.sim;

import com.github.luben.zstd.ZstdOutputStream;
import dev.atrium.tiers.memory.EvictionPolicy;
import dev.atrium.tiers.memory.MemoryTier;
import dev.atrium.tiers.memory.MemoryTierConfig;
import dev.atrium.tiers.memory.MemoryTiers;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Helpers for the simulator's tests: trace files written as they ship, and tiers. */
final class Traces {
  private Traces() {}

  /** Writes {@code content} to {@code dir/name}, compressed as the name's extension says. */
  static Path write(Path dir, String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream out = compress(Decompression.of(file), raw)) {
      out.write(content);
    }
    return file;
  }

  private static OutputStream compress(Decompression decompression, OutputStream raw) throws IOException {
    return switch (decompression) {
      case ZSTD -> new ZstdOutputStream(raw);
      case GZIP -> new GZIPOutputStream(raw);
      case XZ -> new XZOutputStream(raw, new LZMA2Options());
      case NONE -> raw;
    };
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] longs(long... keys) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (long key : keys) {
        out.writeLong(key);
      }
    }
    return bytes.toByteArray();
  }

  /** A tier of {@code policy}, or the test is skipped if this build does not have the policy yet. */
  static MemoryTier<Long, Long> tierOrSkip(EvictionPolicy policy, long size) {
    return tierOrSkip(policy, size, 0);
  }

  /** As {@link #tierOrSkip(EvictionPolicy, long)}, with {@code shards} (0 = the policy's default). */
  static MemoryTier<Long, Long> tierOrSkip(EvictionPolicy policy, long size, int shards) {
    MemoryTierConfig<Long, Long> config = MemoryTierConfig.<Long, Long>builder()
        .policy(policy).maximumSize(size).shards(shards).ticker(() -> 0L).build();
    try {
      return MemoryTiers.create(config);
    } catch (IllegalArgumentException e) {
      Assumptions.abort(policy.configName() + " is not available in this build: " + e.getMessage());
      throw e;
    }
  }
}
