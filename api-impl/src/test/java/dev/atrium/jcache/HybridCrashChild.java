package dev.atrium.jcache;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import dev.atrium.jcache.configuration.DiskOptions;
import dev.atrium.tiers.hybrid.WritePolicy;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import javax.cache.Cache;
import javax.cache.Caching;

/**
 * The process {@link HybridCrashTest} kills: opens a persistent hybrid cache through the JCache
 * API and puts, removes and reads keys with ever-increasing versions, printing
 * {@code P key version .} / {@code R key version .} once each write returned. A read that
 * disagrees with what this process wrote prints {@code BAD ...}. Runs until killed.
 *
 * <p>Arguments: directory, first version, random seed, write policy.
 */
public final class HybridCrashChild {
  static final int KEYS = 500;
  static final int MEMORY_ENTRIES = 50;

  private HybridCrashChild() {}

  static AtriumConfiguration<String, String> configuration(Path dir, WritePolicy policy) {
    return new AtriumConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .maximumSize(MEMORY_ENTRIES)
        .disk(DiskOptions.NONE.withBudget(8L << 20).withDirectory(dir).withPersistent(true)
            .withWritePolicy(policy));
  }

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    long version = Long.parseLong(args[1]);
    Random random = new Random(Long.parseLong(args[2]));
    WritePolicy policy = WritePolicy.valueOf(args[3]);
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false,
        StandardCharsets.US_ASCII);
    Cache<String, String> cache = Caching.getCachingProvider()
        .getCacheManager(URI.create("atrium:crash-child"), HybridCrashChild.class.getClassLoader())
        .createCache("crash", configuration(dir, policy));
    Map<Integer, String> written = new HashMap<>(); // what this process wrote last, null if removed
    print(out, "READY");
    while (true) {
      int key = random.nextInt(KEYS);
      int op = random.nextInt(10);
      if (op < 6) {
        version++;
        int padding = random.nextInt(100) == 0 ? 20_000 + random.nextInt(20_000) : random.nextInt(200);
        String value = value(key, version, padding);
        cache.put(key(key), value);
        written.put(key, value);
        print(out, "P " + key + " " + version + " .");
      } else if (op < 8) {
        version++;
        cache.remove(key(key));
        written.put(key, null);
        print(out, "R " + key + " " + version + " .");
      } else {
        String value = cache.get(key(key));
        if (value != null && written.containsKey(key) && !value.equals(written.get(key))) {
          print(out, "BAD " + key + " read " + versionOf(key, value) + " after writing "
              + (written.get(key) == null ? "a remove" : versionOf(key, written.get(key))));
        }
      }
    }
  }

  /** One write(2) per line, so a kill never leaves half a line that parses. */
  private static void print(PrintStream out, String line) {
    out.print(line + "\n");
    out.flush();
  }

  static String key(int key) {
    return "key-" + key;
  }

  /** {@code key:version:padding:xxx...:crc}, the CRC over everything before it. */
  static String value(int key, long version, int padding) {
    String body = key + ":" + version + ":" + padding + ":" + "x".repeat(padding);
    return body + ":" + crc(body);
  }

  /** The version a value holds; throws if it is not an intact value written for {@code key}. */
  static long versionOf(int key, String value) {
    int last = value.lastIndexOf(':');
    String body = last < 0 ? "" : value.substring(0, last);
    String[] parts = body.split(":", 4);
    if (last < 0 || parts.length != 4 || !value.substring(last + 1).equals(crc(body))
        || Integer.parseInt(parts[0]) != key
        || !value.equals(value(key, Long.parseLong(parts[1]), Integer.parseInt(parts[2])))) {
      throw new AssertionError("key " + key + " holds a corrupt value: "
          + value.substring(0, Math.min(80, value.length())));
    }
    return Long.parseLong(parts[1]);
  }

  private static String crc(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.US_ASCII));
    return Long.toHexString(crc.getValue());
  }
}
