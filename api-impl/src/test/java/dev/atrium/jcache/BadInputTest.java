package dev.atrium.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear error and loses nothing. */
class BadInputTest {
  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void wrongTypesThroughRawAccessAreRefusedNamingBothTypes() {
    Cache<Long, String> cache = TestCaches.create(manager,
        new AtriumConfiguration<Long, String>().setTypes(Long.class, String.class));
    cache.put(1L, "one");
    Cache raw = cache;
    ClassCastException key = assertThrows(ClassCastException.class, () -> raw.put("1", "one"));
    assertTrue(key.getMessage().contains("java.lang.Long") && key.getMessage().contains("java.lang.String"),
        key.getMessage());
    assertThrows(ClassCastException.class, () -> raw.put(2L, 2));
    assertThrows(ClassCastException.class, () -> raw.get("1"));
    assertThrows(ClassCastException.class, () -> raw.putAll(Map.of(3L, "three", "4", "four")));
    assertEquals("one", cache.get(1L), "nothing lost");
    assertEquals(false, cache.containsKey(3L), "a refused putAll stores none of its entries");
  }

  @Test
  void nullsAreRefusedAsTheSpecSays() {
    Cache<String, String> cache = TestCaches.create(manager, new AtriumConfiguration<>());
    assertThrows(NullPointerException.class, () -> cache.get(null));
    assertThrows(NullPointerException.class, () -> cache.put("k", null));
    assertThrows(NullPointerException.class, () -> cache.put(null, "v"));
    assertThrows(NullPointerException.class, () -> cache.getAll(null));
    assertThrows(NullPointerException.class, () -> cache.removeAll(java.util.Collections.singleton(null)));
    assertThrows(NullPointerException.class, () -> cache.invoke("k", null));
    Set<String> none = Set.of();
    assertEquals(Map.of(), cache.getAll(none));
  }
}
