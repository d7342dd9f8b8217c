package dev.atrium.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.atrium.tiers.hybrid.WritePolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 1 through the provider, across crashes: a child JVM writes to a persistent hybrid
 * cache through the JCache API and is killed with SIGKILL at a random moment; the parent reopens
 * the directory through the provider and checks every key. A key may be absent (a cache may lose
 * entries), or hold exactly the value of its last acknowledged put, or the value of the one write
 * in flight at the kill; never an older value, a removed one, or bytes that fail their checksum.
 * {@code -Datrium.crash.kills=N} sets the number of kills (20; 200 with {@code -Pstress}).
 */
class HybridCrashTest {
  @TempDir
  Path dir;

  /** Per key: the only version it may hold (besides the write in flight at a kill); 0 for none. */
  private final long[] allowed = new long[HybridCrashChild.KEYS];
  private volatile long lastAcked;
  /** Per key: its recent acknowledged writes and checks, for the failure message. */
  private final String[] history = new String[HybridCrashChild.KEYS];
  private volatile int round;
  private final List<String> bad = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Test
  void killedWriterNeverLeavesAStaleOrCorruptValue() throws Exception {
    extractNativeLibrary();
    int kills = Integer.getInteger("atrium.crash.kills", 20);
    Random random = new Random(7);
    long acknowledged = 0;
    long present = 0;
    java.util.Arrays.fill(history, "");
    for (round = 0; round < kills; round++) {
      WritePolicy policy = round % 3 == 2 ? WritePolicy.ON_INSERTION : WritePolicy.ON_EVICTION;
      acknowledged += runAndKill(lastAcked + 10, random.nextLong(), policy, 100 + random.nextInt(300));
      present += check(round, lastAcked + 1);
      lastAcked += 1; // the version in flight at the kill is spent
    }
    System.out.printf("HybridCrashTest: %d kills, %d acknowledged writes, %d values checked present%n",
        kills, acknowledged, present);
    assertTrue(acknowledged > kills * 20L, "acknowledged only " + acknowledged);
    assertTrue(present > kills * 10L, "too little survived the crashes to check: " + present);
  }

  /** Runs a child, kills it {@code millis} after it opened its cache; returns the acks it printed. */
  private long runAndKill(long firstVersion, long seed, WritePolicy policy, int millis) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
        "-Djava.library.path=" + dir.resolve("native"), "-cp", System.getProperty("java.class.path"),
        HybridCrashChild.class.getName(), dir.resolve("cache").toString(), Long.toString(firstVersion),
        Long.toString(seed), policy.name()))
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
          } else if (line.startsWith("BAD")) {
            bad.add(line);
          } else {
            String[] parts = line.split(" ");
            if (parts.length == 4 && parts[3].equals(".")) {
              int key = Integer.parseInt(parts[1]);
              long version = Long.parseLong(parts[2]);
              allowed[key] = parts[0].equals("P") ? version : 0;
              note(key, parts[0] + version);
              lastAcked = Math.max(lastAcked, version);
              acks[0]++;
            }
          }
        }
      } catch (IOException e) {
        // the pipe breaks when the child dies
      }
    });
    reader.start();
    if (!ready.await(60, TimeUnit.SECONDS)) {
      child.destroyForcibly();
      fail("the child never opened its cache");
    }
    Thread.sleep(millis);
    assertTrue(child.isAlive(), "the child died on its own");
    // SIGKILL through the handle: Process.destroyForcibly() also closes our end of the pipe,
    // which throws away the acknowledgements still in it, and the check would then see values
    // newer than the last acknowledged ones
    child.toHandle().destroyForcibly();
    child.waitFor();
    reader.join();
    assertEquals(List.of(), bad, "the child read values older than its own writes");
    return acks[0];
  }

  /** Reopens the cache through the provider and checks every key; returns how many are present. */
  private long check(int round, long inFlight) {
    long present = 0;
    URI uri = URI.create("atrium:crash-check-" + round);
    CacheManager manager = Caching.getCachingProvider().getCacheManager(uri, getClass().getClassLoader());
    try {
      Cache<String, String> cache = manager.createCache("crash",
          HybridCrashChild.configuration(dir.resolve("cache"), WritePolicy.ON_EVICTION));
      Map<String, String> seen = new HashMap<>();
      for (int key = 0; key < HybridCrashChild.KEYS; key++) {
        String value = cache.get(HybridCrashChild.key(key));
        if (value == null) {
          allowed[key] = 0; // seen absent: nothing written so far may come back
          note(key, "check:absent");
          continue;
        }
        present++;
        long version = HybridCrashChild.versionOf(key, value);
        if (version != allowed[key] && version != inFlight) {
          fail("round " + round + ": key " + key + " came back with version " + version + " but "
              + (allowed[key] == 0 ? "it was removed or seen absent" : "its last acknowledged put was "
              + allowed[key]) + "; in flight " + inFlight + "; history " + history[key]);
        }
        note(key, "check:" + version);
        allowed[key] = version;
        seen.put(HybridCrashChild.key(key), value);
      }
      Map<String, String> iterated = new HashMap<>();
      for (Cache.Entry<String, String> entry : cache) {
        iterated.put(entry.getKey(), entry.getValue());
      }
      assertEquals(seen, iterated, "round " + round + ": the iterator disagrees with get");
    } finally {
      manager.close();
    }
    return present;
  }

  private void note(int key, String event) {
    String all = history[key] + " r" + round + ":" + event;
    history[key] = all.length() > 400 ? all.substring(all.length() - 400) : all;
  }

  /** Copies RocksDB's native library out of its jar once, instead of at every child's start. */
  private void extractNativeLibrary() throws IOException {
    String name = "librocksdbjni-linux64.so";
    try (InputStream in = org.rocksdb.RocksDB.class.getClassLoader().getResourceAsStream(name)) {
      if (in != null) {
        Files.createDirectories(dir.resolve("native"));
        Files.copy(in, dir.resolve("native").resolve(name));
      }
    }
  }
}
