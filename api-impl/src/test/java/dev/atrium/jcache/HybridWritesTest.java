package dev.atrium.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import dev.atrium.tiers.hybrid.WritePolicy;
import java.nio.file.Path;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every JCache write sees the copy on disk of an entry memory evicted, and makes it unreachable:
 * no old value ever comes back, not from disk, not after a restart.
 */
class HybridWritesTest {
  private static final int ENTRIES = 40;

  @TempDir
  Path dir;
  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void close() {
    manager.close();
  }

  private AtriumConfiguration<String, String> config(WritePolicy policy) {
    AtriumConfiguration<String, String> config = HybridCaches.tiny(2, dir, true);
    return config.disk(config.getDisk().withWritePolicy(policy));
  }

  /** A cache whose k0..k39 hold v0..v39, all but two of them on disk. */
  private Cache<String, String> filled(WritePolicy policy) {
    Cache<String, String> cache = manager.createCache("writes", config(policy));
    HybridCaches.putMany(cache, ENTRIES, "");
    HybridCaches.flush(cache);
    return cache;
  }

  /** Puts other keys until memory has surely evicted {@code k0..k39} again, and waits for disk. */
  private static void churn(Cache<String, String> cache) {
    for (int i = 0; i < 20; i++) {
      cache.put("other" + i, "x");
    }
    HybridCaches.flush(cache);
  }

  @ParameterizedTest
  @EnumSource(WritePolicy.class)
  void writesSeeTheDiskCopyAndNoOldValueComesBack(WritePolicy policy) {
    Cache<String, String> cache = filled(policy);
    for (int i = 0; i < ENTRIES; i += 8) {
      assertEquals("v" + i, cache.getAndPut("k" + i, "v" + i + "b"));
      assertFalse(cache.putIfAbsent("k" + (i + 1), "never"));
      assertTrue(cache.replace("k" + (i + 2), "v" + (i + 2) + "b"));
      assertFalse(cache.replace("k" + (i + 3), "wrong", "never"));
      assertTrue(cache.remove("k" + (i + 4)));
      assertTrue(cache.remove("k" + (i + 5), "v" + (i + 5)));
      assertEquals("v" + (i + 6), cache.invoke("k" + (i + 6), (entry, args) -> {
        String old = entry.getValue();
        entry.setValue(old + "b");
        return old;
      }));
      assertEquals("v" + (i + 7), cache.getAndRemove("k" + (i + 7)));
    }
    churn(cache);
    assertAfterWrites(cache);

    manager.destroyCache("writes"); // start over below from the same files, after a clean close
    cache = filled(policy);
    for (int i = 0; i < ENTRIES; i++) {
      cache.put("k" + i, "v" + i + "c");
    }
    cache.removeAll(Set.of("k3", "k4"));
    cache.close();
    cache = manager.createCache("writes", config(policy));
    for (int i = 0; i < ENTRIES; i++) {
      assertEquals(i == 3 || i == 4 ? null : "v" + i + "c", cache.get("k" + i), "after reopening, k" + i);
    }
  }

  private static void assertAfterWrites(Cache<String, String> cache) {
    for (int i = 0; i < ENTRIES; i += 8) {
      assertEquals("v" + i + "b", cache.get("k" + i));
      assertEquals("v" + (i + 1), cache.get("k" + (i + 1)));
      assertEquals("v" + (i + 2) + "b", cache.get("k" + (i + 2)));
      assertEquals("v" + (i + 3), cache.get("k" + (i + 3)));
      assertNull(cache.get("k" + (i + 4)));
      assertFalse(cache.containsKey("k" + (i + 5)));
      assertEquals("v" + (i + 6) + "b", cache.get("k" + (i + 6)));
      assertNull(cache.get("k" + (i + 7)));
    }
  }

  @ParameterizedTest
  @EnumSource(WritePolicy.class)
  void clearEmptiesBothTiersForGood(WritePolicy policy) {
    Cache<String, String> cache = filled(policy);
    cache.clear();
    assertEmpty(cache);
    cache.close();
    assertEmpty(manager.createCache("writes", config(policy)));
  }

  @ParameterizedTest
  @EnumSource(WritePolicy.class)
  void removeAllEmptiesBothTiersForGood(WritePolicy policy) {
    Cache<String, String> cache = filled(policy);
    cache.removeAll();
    assertEmpty(cache);
    cache.close();
    assertEmpty(manager.createCache("writes", config(policy)));
  }

  private static void assertEmpty(Cache<String, String> cache) {
    assertFalse(cache.iterator().hasNext(), "the iterator still finds entries");
    for (int i = 0; i < ENTRIES; i++) {
      assertNull(cache.get("k" + i), "k" + i);
    }
  }
}
