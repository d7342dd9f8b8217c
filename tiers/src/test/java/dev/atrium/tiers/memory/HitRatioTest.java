package dev.atrium.tiers.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.Ticker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays the LIRS traces in {@code src/test/resources/traces} through a tier: every request a
 * read, a miss inserts. A single-shard tier must reproduce textbook LRU and FIFO exactly (the
 * reference counts of {@code shared/traces/README.md}) and the textbook SIEVE and S3-FIFO written
 * in {@link ReferenceSieve} and {@link ReferenceS3Fifo}; the default sharding must stay close.
 */
class HitRatioTest {
  private static final ConcurrentHashMap<String, long[]> TRACES = new ConcurrentHashMap<>();

  static long[] trace(String name) {
    return TRACES.computeIfAbsent(name, HitRatioTest::load);
  }

  private static long[] load(String name) {
    String resource = "/traces/" + name + ".trace.gz";
    try (InputStream raw = HitRatioTest.class.getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      BufferedReader lines = new BufferedReader(
          new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
      long[] keys = new long[1024];
      int count = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String key = line.trim();
        if (key.isEmpty() || key.equals("*")) {
          continue;
        }
        if (count == keys.length) {
          keys = java.util.Arrays.copyOf(keys, count * 2);
        }
        keys[count++] = Long.parseLong(key);
      }
      return java.util.Arrays.copyOf(keys, count);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long hits(long[] trace, LongPredicate read) {
    long hits = 0;
    for (long key : trace) {
      if (read.test(key)) {
        hits++;
      }
    }
    return hits;
  }

  /** Hits of a tier of {@code policy} with {@code capacity} entries and {@code shards} (0: default). */
  static long tierHits(EvictionPolicy policy, String traceName, int capacity, int shards) {
    MemoryTier<Long, Long> tier = MemoryTiers.create(MemoryTierConfig.<Long, Long>builder()
        .policy(policy).maximumSize(capacity).shards(shards).build());
    long hits = hits(trace(traceName), key -> {
      if (tier.get(key) != null) {
        return true;
      }
      tier.put(key, key, Ticker.NEVER);
      return false;
    });
    if (tier instanceof ShardedMemoryTier<Long, Long> sharded) {
      sharded.checkIntegrity();
      if (shards > 0) {
        assertEquals(shards, sharded.shardCount());
      } else {
        assertTrue(sharded.shardCount() > 1, "the default sharding of " + capacity + " entries should use several shards");
      }
    }
    assertEquals(Math.min(capacity, distinct(trace(traceName))), tier.size(), "tier not full at the end");
    return hits;
  }

  private static long distinct(long[] trace) {
    return java.util.Arrays.stream(trace).distinct().count();
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
      "gli, 1000, 674, 670",
      "gli, 1500, 2199, 1661",
      "gli, 2000, 3453, 2881",
      "loop, 1000, 0, 0",
      "loop, 1250, 504489, 504489",
  })
  void lruAndFifoMatchTheReferenceCountsExactly(String trace, int capacity, long lru, long fifo) {
    assertEquals(lru, tierHits(EvictionPolicy.LRU, trace, capacity, 1), "LRU");
    assertEquals(fifo, tierHits(EvictionPolicy.FIFO, trace, capacity, 1), "FIFO");
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({"gli, 1000", "gli, 1500", "gli, 2000", "loop, 1000", "loop, 1250"})
  void sieveAndS3FifoMatchTheirTextbookReferences(String trace, int capacity) {
    long[] requests = trace(trace);
    ReferenceSieve sieve = new ReferenceSieve(capacity);
    long sieveReference = hits(requests, sieve::read);
    ReferenceS3Fifo s3Fifo = new ReferenceS3Fifo(capacity);
    long s3FifoReference = hits(requests, s3Fifo::read);
    assertEquals(sieveReference, tierHits(EvictionPolicy.SIEVE, trace, capacity, 1), "SIEVE");
    assertEquals(s3FifoReference, tierHits(EvictionPolicy.S3FIFO, trace, capacity, 1), "S3-FIFO");
  }

  @ParameterizedTest
  @CsvSource({"LRU", "FIFO", "SIEVE", "S3FIFO", "TINYLFU"})
  void defaultShardingStaysCloseToOneShard(EvictionPolicy policy) {
    long[] requests = trace("gli");
    // SIEVE's smallest default split (two shards of 1,024), below gli's 2,529 keys; the others split it finer
    double one = (double) tierHits(policy, "gli", 2048, 1) / requests.length;
    double sharded = (double) tierHits(policy, "gli", 2048, 0) / requests.length;
    System.out.printf("gli@2048 %s: one shard %.4f, default sharding %.4f%n", policy, one, sharded);
    assertTrue(Math.abs(one - sharded) <= 0.01,
        policy + ": one shard " + one + ", default sharding " + sharded);
  }

  @ParameterizedTest
  @CsvSource({"LRU, gli, 1000", "FIFO, gli, 1000", "S3FIFO, gli, 1000", "LRU, gli, 1500", "FIFO, gli, 1500",
      "S3FIFO, gli, 1500", "LRU, gli, 2000", "FIFO, gli, 2000", "S3FIFO, gli, 2000", "LRU, loop, 1250",
      "FIFO, loop, 1250", "S3FIFO, loop, 1250"})
  void policiesWithTheSmallerDefaultShareStayCloseToOneShard(EvictionPolicy policy, String trace,
      int capacity) {
    long[] requests = trace(trace);
    // what the default gives on two cores: shares of 312 to 500 entries, below SIEVE's 1,024
    int shards = ShardedMemoryTier.shardCount(0, capacity, 2, ShardedMemoryTier.minDefaultShare(policy));
    assertTrue(shards > 1, "the case should split: " + shards);
    double one = (double) tierHits(policy, trace, capacity, 1) / requests.length;
    double split = (double) tierHits(policy, trace, capacity, shards) / requests.length;
    assertTrue(Math.abs(one - split) <= 0.002,
        policy + " " + trace + "@" + capacity + ": one shard " + one + ", " + shards + " shards " + split);
  }
}
