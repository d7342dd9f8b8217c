package dev.atrium.bench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.memory.EvictionPolicy;
import dev.atrium.tiers.memory.MemoryTier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counting logic and the command line, on small traces whose answer is known by hand. */
class SimulateTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Simulate.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsOneLineWithHitsAndRequests() throws IOException {
    Path trace = Traces.write(dir, "t.lis.zst", Traces.ascii("10 3 0 0\n20 1 0 0\n10 1 0 0\n"));
    assertEquals(0, run("--trace", trace.toString(), "--format", "arc", "--policy", "tinylfu", "--size", "100"),
        stderr());
    assertEquals("hit_ratio=0.2000 hits=1 requests=5" + System.lineSeparator(), stdout());
  }

  @Test
  void acceptsNameEqualsValueAndShards() throws IOException {
    Path trace = Traces.write(dir, "t.trace.gz", Traces.ascii("1\r\n2\r\n1\r\n"));
    assertEquals(0, run("--trace=" + trace, "--format=lirs", "--policy=TinyLFU", "--size=10", "--shards=4"),
        stderr());
    assertEquals("hit_ratio=0.3333 hits=1 requests=3" + System.lineSeparator(), stdout());
  }

  @Test
  void distinctKeysNeverHitAndARepeatedKeyAlwaysDoesAfterItsFirstMiss() throws IOException {
    long[] distinct = new long[5_000];
    for (int i = 0; i < distinct.length; i++) {
      distinct[i] = i * 7919L;
    }
    assertEquals(new TraceSimulation.Result(0, 5_000),
        replay(Traces.write(dir, "distinct.bin.xz", Traces.longs(distinct)), TraceFormat.BINARY64, 100));
    assertEquals(new TraceSimulation.Result(999, 1_000),
        replay(Traces.write(dir, "same.lis", Traces.ascii("42 1 0 0\n".repeat(1_000))), TraceFormat.ARC, 100));
  }

  @Test
  void aWorkingSetThatFitsMissesOnlyOncePerKey() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int round = 0; round < 20; round++) {
      for (int key = 0; key < 500; key++) {
        text.append(key).append('\n');
      }
    }
    assertEquals(new TraceSimulation.Result(20 * 500 - 500, 20 * 500),
        replay(Traces.write(dir, "fits.trace", Traces.ascii(text.toString())), TraceFormat.LIRS, 1_000));
  }

  @Test
  void lruCountsAHandWorkedSequence() throws IOException {
    // capacity 2: a b a c b a -> miss miss hit miss(evicts b) miss(evicts a) miss
    Path trace = Traces.write(dir, "lru.trace", Traces.ascii("1\n2\n1\n3\n2\n1\n"));
    try (MemoryTier<Long, Long> tier = Traces.tierOrSkip(EvictionPolicy.LRU, 2)) {
      assertEquals(new TraceSimulation.Result(1, 6), Simulate.replay(trace, TraceFormat.LIRS, tier, null));
    }
  }

  private TraceSimulation.Result replay(Path trace, TraceFormat format, long size) throws IOException {
    try (MemoryTier<Long, Long> tier = Traces.tierOrSkip(EvictionPolicy.TINYLFU, size)) {
      return Simulate.replay(trace, format, tier, null);
    }
  }

  @Test
  void aMissingFileIsAUsageError() {
    assertEquals(Simulate.USAGE, run("--trace", dir.resolve("absent.lis").toString(), "--format", "arc",
        "--policy", "tinylfu", "--size", "10"));
    assertTrue(stderr().contains("--trace: no such file"), stderr());
    assertEquals("", stdout());
  }

  @Test
  void anUnknownFormatIsAUsageErrorNamingIt() throws IOException {
    Path trace = Traces.write(dir, "t.trace", Traces.ascii("1\n"));
    assertEquals(Simulate.USAGE, run("--trace", trace.toString(), "--format", "csv", "--policy", "lru", "--size", "10"));
    assertTrue(stderr().contains("--format: unknown trace format 'csv'"), stderr());
  }

  @Test
  void anUnknownPolicyIsAUsageErrorNamingIt() throws IOException {
    Path trace = Traces.write(dir, "t.trace", Traces.ascii("1\n"));
    assertEquals(Simulate.USAGE, run("--trace", trace.toString(), "--format", "lirs", "--policy", "arc", "--size", "10"));
    assertTrue(stderr().contains("--policy: unknown eviction policy 'arc'"), stderr());
  }

  @Test
  void badNumbersAndUnknownArgumentsAreUsageErrors() throws IOException {
    Path trace = Traces.write(dir, "t.trace", Traces.ascii("1\n"));
    assertEquals(Simulate.USAGE, run("--trace", trace.toString(), "--format", "lirs", "--policy", "lru", "--size", "ten"));
    assertTrue(stderr().contains("--size: not a number"), stderr());
    assertEquals(Simulate.USAGE, run("--trace", trace.toString(), "--format", "lirs", "--policy", "lru", "--size", "10",
        "--shards", "3"));
    assertTrue(stderr().contains("--shards"), stderr());
    assertEquals(Simulate.USAGE, run("--trace", trace.toString(), "--format", "lirs", "--policy", "lru", "--size", "10",
        "--seed", "1"));
    assertTrue(stderr().contains("unknown argument '--seed'"), stderr());
    assertEquals(Simulate.USAGE, run("--format", "lirs", "--policy", "lru", "--size", "10"));
    assertTrue(stderr().contains("--trace: required"), stderr());
  }

  @Test
  void anUnreadableTraceIsExitCodeOne() throws IOException {
    Path trace = Traces.write(dir, "t.trace", Traces.ascii("1\nnot-a-key\n"));
    assertEquals(Simulate.UNREADABLE, run("--trace", trace.toString(), "--format", "lirs", "--policy", "tinylfu",
        "--size", "10"));
    assertTrue(stderr().contains("line 2"), stderr());
  }
}
