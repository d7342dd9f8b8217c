package dev.atrium.jcache.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.tiers.hybrid.WritePolicy;
import dev.atrium.tiers.memory.EvictionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The declarative file of a cache manager, through the provider: which section shapes which
 * cache, and how a broken file is refused when the manager is obtained.
 */
class CacheConfigFileTest {
  @TempDir
  Path dir;
  private final List<CacheManager> managers = new ArrayList<>();

  @AfterEach
  void close() {
    managers.forEach(CacheManager::close);
  }

  private Path file(String... lines) throws IOException {
    Path file = Files.createTempFile(dir, "atrium-", ".properties");
    Files.write(file, List.of(lines));
    return file;
  }

  private CacheManager manager(Path file) {
    CacheManager manager = Caching.getCachingProvider().getCacheManager(file.toUri(),
        getClass().getClassLoader());
    managers.add(manager);
    return manager;
  }

  @SuppressWarnings("unchecked")
  private static AtriumConfiguration<String, String> shapeOf(CacheManager manager, String cacheName,
      MutableConfiguration<String, String> configuration) {
    return manager.createCache(cacheName, configuration).getConfiguration(AtriumConfiguration.class);
  }

  private static MutableConfiguration<String, String> plain() {
    return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
  }

  @Test
  void defaultsThenFirstMatchingTemplateInFileOrderThenOwnSection() throws IOException {
    CacheManager manager = manager(file(
        "default.memory.policy = lru",
        "default.memory.maximum-size = 100",
        "template.zorders.match = orders.*",
        "template.zorders.memory.maximum-size = 200",
        "template.big.match = orders.big*",
        "template.big.memory.maximum-size = 300",
        "template.big.memory.policy = sieve",
        "template.sessions.match = session?",
        "template.sessions.memory.policy = fifo",
        "cache.orders.big2.memory.maximum-size = 400"));

    AtriumConfiguration<String, String> other = shapeOf(manager, "other", plain());
    assertEquals(EvictionPolicy.LRU, other.getEvictionPolicy());
    assertEquals(100, other.getMaximumSize());

    // zorders comes first in the file, so it wins over big although big sorts first
    AtriumConfiguration<String, String> big1 = shapeOf(manager, "orders.big1", plain());
    assertEquals(200, big1.getMaximumSize());
    assertEquals(EvictionPolicy.LRU, big1.getEvictionPolicy());

    AtriumConfiguration<String, String> big2 = shapeOf(manager, "orders.big2", plain());
    assertEquals(400, big2.getMaximumSize(), "its own section overrides the template");

    assertEquals(EvictionPolicy.FIFO, shapeOf(manager, "sessionA", plain()).getEvictionPolicy());
    assertEquals(EvictionPolicy.LRU, shapeOf(manager, "sessionAB", plain()).getEvictionPolicy(),
        "? matches one character");
  }

  @Test
  void aTemplateWithOnlyAMatchKeepsItsCachesOnTheDefaults() throws IOException {
    CacheManager manager = manager(file(
        "default.memory.maximum-size = 100",
        "template.exempt.match = audit.*",
        "template.rest.match = *",
        "template.rest.memory.maximum-size = 500"));
    assertEquals(100, shapeOf(manager, "audit.log", plain()).getMaximumSize());
    assertEquals(500, shapeOf(manager, "anything", plain()).getMaximumSize());
  }

  @Test
  void sizesAndDiskSettingsAreRead() throws IOException {
    Path disk = dir.resolve("disk");
    CacheManager manager = manager(file(
        "cache.c.disk.budget = 64MiB",
        "cache.c.disk.directory = " + disk.toString().replace("\\", "\\\\"),
        "cache.c.disk.persistent = true",
        "cache.c.disk.mmap-reads = false",
        "cache.c.disk.write-policy = on-insertion",
        "cache.c.disk.max-entry-size = 64KiB",
        "cache.c.disk.write-queue = 2MB",
        "cache.c.memory.maximum-size = 1_000"));
    DiskOptions options = shapeOf(manager, "c", plain()).getDisk();
    assertEquals(64L << 20, options.budgetBytes());
    assertEquals(disk, options.directory());
    assertTrue(options.persistent());
    assertFalse(options.mmapReads());
    assertEquals(WritePolicy.ON_INSERTION, options.writePolicy());
    assertEquals(64 << 10, options.maxEntryBytes());
    assertEquals(2_000_000, options.writeQueueBytes());
    assertTrue(Files.isDirectory(disk), "the cache opened its disk tier where the file said");
  }

  @Test
  void programmaticTierSettingsWinOverTheFile() throws IOException {
    CacheManager manager = manager(file(
        "default.memory.maximum-size = 100",
        "default.memory.policy = lru",
        "cache.mine.memory.maximum-size = 400"));
    AtriumConfiguration<String, String> mine = shapeOf(manager, "mine",
        new AtriumConfiguration<String, String>().setTypes(String.class, String.class).maximumSize(7));
    assertEquals(7, mine.getMaximumSize());
    assertEquals(AtriumConfiguration.DEFAULT_POLICY, mine.getEvictionPolicy());
    AtriumConfiguration<String, String> untouched = shapeOf(manager, "untouched",
        new AtriumConfiguration<String, String>().setTypes(String.class, String.class));
    assertEquals(100, untouched.getMaximumSize(), "an AtriumConfiguration without tier settings takes the file's");
  }

  @Test
  void theAtriumConfigPropertyNamesAFileForManagersWhoseUriNamesNone() throws IOException {
    Path file = file("default.memory.maximum-size = 123");
    System.setProperty("atrium.config", file.toString());
    try {
      CacheManager manager = Caching.getCachingProvider().getCacheManager(
          java.net.URI.create("atrium:config-property-" + System.nanoTime()), getClass().getClassLoader());
      managers.add(manager);
      assertEquals(123, shapeOf(manager, "c", plain()).getMaximumSize());
    } finally {
      System.clearProperty("atrium.config");
    }
  }

  @Test
  void brokenFilesAreRefusedNamingTheKeyAndTheFile() throws IOException {
    assertRefused("default.memory.colour = red", "default.memory.colour");
    assertRefused("cache.c.memory.maximum-size = 12x", "cache.c.memory.maximum-size");
    assertRefused("template.t.match = a*\ntemplate.t.memory.policy = mru", "template.t.memory.policy");
    assertRefused("cache.c.disk.write-policy = sometimes", "cache.c.disk.write-policy");
    assertRefused("cache.c.disk.budget = 64 MiBs", "cache.c.disk.budget");
    assertRefused("template.t.memory.maximum-size = 5", "template.t.match");
    assertRefused("caches.c.memory.maximum-size = 5", "caches.c.memory.maximum-size");
    assertRefused("cache.c.disk.persistent = yes", "cache.c.disk.persistent");
  }

  @Test
  void anUnreadableFileIsRefusedNamingIt() {
    Path missing = dir.resolve("missing.properties");
    CacheException error = assertThrows(CacheException.class, () -> manager(missing));
    assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
  }

  private void assertRefused(String content, String key) throws IOException {
    Path file = file(content.split("\n"));
    CacheException error = assertThrows(CacheException.class, () -> manager(file), content);
    assertTrue(error.getMessage().contains("'" + key + "'"), error.getMessage() + " should name " + key);
    assertTrue(error.getMessage().contains(file.getFileName().toString()),
        error.getMessage() + " should name the file");
  }
}
