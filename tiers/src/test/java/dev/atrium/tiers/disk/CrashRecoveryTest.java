package dev.atrium.tiers.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM with SIGKILL at random moments, reopens its persistent tier and checks
 * invariant 1: for every key, the value is absent or at least as new as the last acknowledged
 * operation, and a key seen absent (or acknowledged removed) never comes back with an older
 * value. {@code -Datrium.crash.kills=N} sets the number of kills (20; 200 with {@code -Pstress}).
 */
class CrashRecoveryTest {
  @TempDir
  Path dir;

  /** Per key: the newest version it may not go below; negative when it must be absent up to -v. */
  private final long[] floor = new long[CrashChild.KEYS];
  private volatile long maxVersion;

  static DiskTierConfig config(Path dir) {
    return DiskTierConfig.builder(dir)
        .persistent(true)
        .budgetBytes(4L << 20)
        .setBytes(4 << 10)
        .build();
  }

  @Test
  void killedWriterNeverLeavesAStaleOrCorruptValue() throws Exception {
    extractNativeLibrary();
    int kills = Integer.getInteger("atrium.crash.kills", 20);
    Random random = new Random(42);
    Arrays.fill(floor, 0);
    long version = 0;
    long acknowledged = 0;
    long present = 0;
    for (int round = 0; round < kills; round++) {
      acknowledged += runAndKill(version, random.nextLong(), 30 + random.nextInt(470));
      version = maxVersion + 10;
      present += check();
    }
    assertTrue(acknowledged > kills * 10L, "acknowledged only " + acknowledged);
    assertTrue(present > 0, "nothing ever survived a crash");
  }

  /** Runs a child, kills it after {@code millis} of writing; returns the acks it printed. */
  private long runAndKill(long firstVersion, long seed, int millis) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
        "-Djava.library.path=" + dir.resolve("native"), "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
        dir.resolve("tier").toString(), Long.toString(firstVersion), Long.toString(seed)))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    CountDownLatch ready = new CountDownLatch(1);
    long[] acks = new long[1];
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.equals("READY")) {
            ready.countDown();
            continue;
          }
          String[] parts = line.split(" ");
          if (parts.length != 3) {
            continue; // a line cut by the kill
          }
          int key = Integer.parseInt(parts[1]);
          long v = Long.parseLong(parts[2]);
          floor[key] = parts[0].equals("P") ? v : -v;
          maxVersion = Math.max(maxVersion, v);
          acks[0]++;
        }
      } catch (IOException | NumberFormatException e) {
        // the pipe breaks when the child dies
      }
    });
    reader.start();
    if (!ready.await(60, TimeUnit.SECONDS)) {
      child.destroyForcibly();
      fail("the child never opened its tier");
    }
    Thread.sleep(millis);
    assertTrue(child.isAlive(), "the child died on its own");
    // SIGKILL through the handle: Process.destroyForcibly() also closes our end of the pipe and
    // throws away the acknowledgements still in it, which left the floors too low (too lenient)
    child.toHandle().destroyForcibly();
    child.waitFor();
    reader.join();
    maxVersion += 1; // the operation in flight at the kill may have completed unacknowledged
    return acks[0];
  }

  /**
   * Copies RocksDB's native library out of its jar once, so that each child loads it from
   * {@code java.library.path} instead of extracting 15 MB at every start.
   */
  private void extractNativeLibrary() throws IOException {
    String name = "librocksdbjni-linux64.so";
    try (InputStream in = org.rocksdb.RocksDB.class.getClassLoader().getResourceAsStream(name)) {
      if (in != null) {
        Files.createDirectories(dir.resolve("native"));
        Files.copy(in, dir.resolve("native").resolve(name));
      }
    }
  }

  /** Reopens the tier and checks every key; returns how many are present. */
  private long check() {
    long present = 0;
    try (DiskTier tier = DiskTiers.open(config(dir.resolve("tier")))) {
      for (int key = 0; key < CrashChild.KEYS; key++) {
        DiskEntry e = tier.load(CrashChild.key(key));
        long f = floor[key];
        if (e == null) {
          floor[key] = -maxVersion; // seen absent: no version up to now may come back
          continue;
        }
        present++;
        long v = CrashChild.versionOf(key, e.value());
        if (f >= 0 ? v < f : v <= -f) {
          fail("key " + key + " came back with version " + v + " but its floor is " + f);
        }
        floor[key] = v;
      }
      assertEquals(0, tier.stats().corrupt(), "corrupt records after a crash");
    }
    return present;
  }
}
