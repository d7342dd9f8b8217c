package dev.atrium.bench.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.memory.EvictionPolicy;
import dev.atrium.tiers.memory.MemoryTier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped traces in {@code ../shared/traces} (relative to the repository root), checked against
 * the request counts, unique-key counts and reference hit counts of their README. Skipped where
 * the traces are absent, and per policy where this build lacks the policy.
 */
class SharedTracesTest {
  private static Path traces;

  @BeforeAll
  static void findTraces() throws IOException {
    String root = System.getProperty("atrium.repo.root");
    Path repoRoot = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    traces = locate(repoRoot);
    Assumptions.assumeTrue(traces != null, "no ../shared/traces next to " + repoRoot);
  }

  /**
   * {@code ../shared/traces} relative to the repository root; in a linked git worktree, relative
   * to the main worktree too (its {@code .git} file names the main repository's git directory).
   * The system property {@code atrium.traces} overrides both.
   */
  static Path locate(Path repoRoot) throws IOException {
    String override = System.getProperty("atrium.traces");
    if (override != null) {
      return Files.isDirectory(Path.of(override)) ? Path.of(override) : null;
    }
    Path direct = repoRoot.resolve("../shared/traces").normalize();
    if (Files.isDirectory(direct)) {
      return direct;
    }
    Path dotGit = repoRoot.resolve(".git");
    if (Files.isRegularFile(dotGit)) {
      String line = Files.readString(dotGit).trim();
      if (line.startsWith("gitdir:")) {
        // <main>/.git/worktrees/<name> -> <main>
        Path gitDir = repoRoot.resolve(line.substring("gitdir:".length()).trim()).normalize();
        Path mainRoot = gitDir.getParent() == null ? null : gitDir.getParent().getParent();
        mainRoot = mainRoot == null ? null : mainRoot.getParent();
        if (mainRoot != null && Files.isDirectory(mainRoot.resolve("../shared/traces"))) {
          return mainRoot.resolve("../shared/traces").normalize();
        }
      }
    }
    return null;
  }

  private static Path trace(String name) {
    Path file = traces.resolve(name);
    Assumptions.assumeTrue(Files.isRegularFile(file), "no trace " + file);
    return file;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "OLTP.lis.zst, arc, 914145, 186880",
      "loop.trace.gz, lirs, 505500, 1011",
      "gli.trace.gz, lirs, 6015, 2529",
      "scarab-recs.trace.xz, binary64, 1245184, 258368",
  })
  void requestAndUniqueKeyCountsMatchTheReadme(String name, String format, long requests, long unique)
      throws IOException {
    Path file = trace(name);
    LongStream.Builder keys = LongStream.builder();
    try (InputStream in = Decompression.of(file).decode(Files.newInputStream(file))) {
      TraceFormat.fromName(format).reader().read(in, keys::add);
    }
    long[] all = keys.build().toArray();
    assertEquals(requests, all.length, "requests");
    assertEquals(unique, Arrays.stream(all).distinct().count(), "unique keys");
  }

  @ParameterizedTest(name = "{0} {1} at {2}")
  @CsvSource({
      "gli.trace.gz, lru, 1000, 674",
      "gli.trace.gz, fifo, 1000, 670",
      "gli.trace.gz, lru, 2000, 3453",
      "loop.trace.gz, lru, 1250, 504489",
      "OLTP.lis.zst, lru, 1000, 300122",
      "OLTP.lis.zst, fifo, 1000, 260805",
  })
  void exactPoliciesMatchTheReferenceHitCounts(String name, String policy, long size, long hits)
      throws IOException {
    Path file = trace(name);
    TraceFormat format = name.startsWith("OLTP") ? TraceFormat.ARC : TraceFormat.LIRS;
    // one shard: the textbook policy over the whole capacity, as the README computed it
    try (MemoryTier<Long, Long> tier = Traces.tierOrSkip(EvictionPolicy.fromName(policy), size, 1)) {
      assertEquals(hits, Simulate.replay(file, format, tier, null).hits());
    }
  }

  @Test
  void tinyLfuIsNotBelowLruOnOltp() throws IOException {
    Path file = trace("OLTP.lis.zst");
    try (MemoryTier<Long, Long> tier = Traces.tierOrSkip(EvictionPolicy.TINYLFU, 1000)) {
      TraceSimulation.Result result = Simulate.replay(file, TraceFormat.ARC, tier, null);
      assertEquals(914_145, result.requests());
      // LRU at 1,000 is 300,122 hits (32.83%)
      assertTrue(result.hits() > 300_122, result.line());
    }
  }
}
