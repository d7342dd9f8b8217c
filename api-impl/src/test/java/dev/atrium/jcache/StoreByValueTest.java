package dev.atrium.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.jcache.configuration.AtriumConfiguration;
import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoreByValueTest {
  private final CacheManager manager = TestCaches.newManager();

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void mutatingThePutValueDoesNotChangeTheCachedOne() {
    Cache<String, ArrayList<String>> cache = TestCaches.create(manager, new AtriumConfiguration<>());
    ArrayList<String> value = new ArrayList<>(List.of("a"));
    cache.put("k", value);
    value.add("b");
    assertEquals(List.of("a"), cache.get("k"));
  }

  @Test
  void mutatingTheReturnedValueDoesNotChangeTheCachedOne() {
    Cache<String, ArrayList<String>> cache = TestCaches.create(manager, new AtriumConfiguration<>());
    cache.put("k", new ArrayList<>(List.of("a")));
    cache.get("k").add("b");
    assertEquals(List.of("a"), cache.get("k"));
    assertNotSame(cache.get("k"), cache.get("k"));
  }

  @Test
  void mutatingThePutKeyDoesNotMoveTheEntry() {
    Cache<ArrayList<String>, String> cache = TestCaches.create(manager, new AtriumConfiguration<>());
    ArrayList<String> key = new ArrayList<>(List.of("a"));
    cache.put(key, "v");
    key.add("b");
    assertEquals("v", cache.get(new ArrayList<>(List.of("a"))));
    Cache.Entry<ArrayList<String>, String> entry = cache.iterator().next();
    entry.getKey().add("c");
    assertTrue(cache.containsKey(new ArrayList<>(List.of("a"))));
  }

  @Test
  void immutableValuesAreSharedNotCopied() {
    Cache<String, String> cache = TestCaches.create(manager, new AtriumConfiguration<>());
    String value = new String("immutable");
    cache.put("k", value);
    assertSame(value, cache.get("k"));
  }

  @Test
  void storeByReferenceKeepsTheCallersObject() {
    Cache<String, ArrayList<String>> cache = TestCaches.create(manager,
        new AtriumConfiguration<String, ArrayList<String>>().setStoreByValue(false));
    ArrayList<String> value = new ArrayList<>(List.of("a"));
    cache.put("k", value);
    assertSame(value, cache.get("k"));
  }
}
