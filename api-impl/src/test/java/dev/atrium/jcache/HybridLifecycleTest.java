package dev.atrium.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a hybrid cache holds on disk and in threads, from creation to close and destroy. */
class HybridLifecycleTest {
  @TempDir
  Path dir;
  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void destroyCacheDeletesTheCacheDirectory() {
    Path files = dir.resolve("destroyed");
    Cache<String, String> cache = manager.createCache("destroyed", HybridCaches.tiny(2, files, true));
    HybridCaches.putMany(cache, 20, "");
    HybridCaches.flush(cache);
    assertTrue(Files.isDirectory(files));
    manager.destroyCache("destroyed");
    assertTrue(cache.isClosed());
    assertNull(manager.getCache("destroyed"));
    assertFalse(Files.exists(files), "destroyCache left " + files);
  }

  @Test
  void closingReleasesTheDirectorySoItReopensAtOnceWithItsEntries() {
    Cache<String, String> cache = manager.createCache("reopened", HybridCaches.tiny(2, dir, true));
    HybridCaches.putMany(cache, 20, "");
    cache.close();
    cache = manager.createCache("reopened", HybridCaches.tiny(2, dir, true));
    for (int i = 0; i < 20; i++) {
      assertEquals("v" + i, cache.get("k" + i), "a clean close keeps every entry");
    }
  }

  @Test
  void aSecondOpenerOfTheDirectoryGetsAnErrorNamingIt() {
    manager.createCache("first", HybridCaches.tiny(2, dir, true)).put("k", "v");
    try (CacheManager other = TestCaches.newManager()) {
      CacheException error = assertThrows(CacheException.class,
          () -> other.createCache("second", HybridCaches.tiny(2, dir, true)));
      assertTrue(error.getMessage().contains(dir.toString()), error.getMessage());
      assertNull(other.getCache("second"));
      manager.getCache("first").close();
      assertEquals("v", other.createCache("second", HybridCaches.tiny(2, dir, true)).get("k"));
    }
  }

  @Test
  void aMemoryOnlyCacheHasNoDirectoryAndNoWriterThread() throws IOException {
    // the same probes find what a hybrid cache with a default directory has, so they can see it
    AtriumConfiguration<String, String> hybrid = new AtriumConfiguration<String, String>()
        .setTypes(String.class, String.class).maximumSize(2).diskBudget(1L << 20);
    Cache<String, String> withDisk = TestCaches.create(manager, hybrid);
    assertFalse(writerThreads(withDisk.getName()).isEmpty(), "the hybrid cache has writer threads");
    assertFalse(defaultDirectories(withDisk.getName()).isEmpty(), "the hybrid cache has a directory");
    withDisk.close();
    assertTrue(defaultDirectories(withDisk.getName()).isEmpty(), "closing deleted its own directory");
    awaitNoWriterThreads(withDisk.getName());

    Cache<String, String> memoryOnly = TestCaches.create(manager,
        new AtriumConfiguration<String, String>().setTypes(String.class, String.class).maximumSize(2));
    HybridCaches.putMany(memoryOnly, 20, "");
    assertTrue(writerThreads(memoryOnly.getName()).isEmpty());
    assertTrue(defaultDirectories(memoryOnly.getName()).isEmpty());
  }

  private static List<String> writerThreads(String cacheName) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("atrium-disk-writer") && name.contains(cacheName))
        .toList();
  }

  private static void awaitNoWriterThreads(String cacheName) {
    for (int i = 0; i < 100 && !writerThreads(cacheName).isEmpty(); i++) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    assertEquals(List.of(), writerThreads(cacheName), "writer threads outlived the cache");
  }

  private static List<Path> defaultDirectories(String cacheName) throws IOException {
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "atrium");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      return children.filter(path -> path.getFileName().toString().contains(cacheName)).toList();
    }
  }
}
