package dev.atrium.tiers.disk;

import dev.atrium.tiers.Ticker;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

/**
 * The writer {@link CrashRecoveryTest} kills: opens a persistent tier and puts or removes keys with
 * ever-increasing versions, printing {@code P key version} / {@code R key version} after each
 * operation returned. Runs until killed.
 *
 * <p>Arguments: directory, first version, random seed.
 */
public final class CrashChild {
  static final int KEYS = 3_000;

  private CrashChild() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    long version = Long.parseLong(args[1]);
    Random random = new Random(Long.parseLong(args[2]));
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
        StandardCharsets.US_ASCII);
    DiskTier tier = DiskTiers.open(CrashRecoveryTest.config(dir));
    out.println("READY");
    while (true) {
      int key = random.nextInt(KEYS);
      version++;
      if (random.nextInt(10) < 8) {
        int padding = random.nextInt(50) == 0 ? 20_000 + random.nextInt(20_000)
            : random.nextInt(300);
        tier.store(key(key), value(key, version, padding), Ticker.NEVER);
        out.println("P " + key + " " + version);
      } else {
        tier.invalidate(key(key));
        out.println("R " + key + " " + version);
      }
    }
  }

  static byte[] key(int key) {
    return ("key-" + key).getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] value(int key, long version, int padding) {
    return (key + ":" + version + ":" + padding + ":" + "x".repeat(padding))
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The version in a value written for {@code key}; fails if the value is not such a value. */
  static long versionOf(int key, byte[] value) {
    String[] parts = new String(value, StandardCharsets.US_ASCII).split(":", 4);
    long version = Long.parseLong(parts[1]);
    int padding = Integer.parseInt(parts[2]);
    if (Integer.parseInt(parts[0]) != key
        || !java.util.Arrays.equals(value, value(key, version, padding))) {
      throw new AssertionError("key " + key + " holds a malformed value");
    }
    return version;
  }
}
