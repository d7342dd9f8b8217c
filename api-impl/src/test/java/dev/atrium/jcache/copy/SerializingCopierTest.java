package dev.atrium.jcache.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;

class SerializingCopierTest {
  private final ClassLoader loader = getClass().getClassLoader();
  private final Copier copier = SerializingCopier.INSTANCE;

  enum Color { RED }

  @Test
  void immutableJdkTypesAreReturnedAsTheyAre() {
    for (Object value : List.of("s", 1, 2L, 3.0d, true, 'c', new BigDecimal("1.5"), UUID.randomUUID(),
        Instant.now(), Color.RED)) {
      assertSame(value, copier.copy(value, loader), value.getClass().getName());
    }
  }

  @Test
  void mutableValuesAreDeepCopies() {
    ArrayList<List<String>> value = new ArrayList<>(List.of(new ArrayList<>(List.of("a"))));
    ArrayList<List<String>> copy = copier.copy(value, loader);
    assertEquals(value, copy);
    assertNotSame(value, copy);
    assertNotSame(value.get(0), copy.get(0));
  }

  @Test
  void aValueThatCannotBeSerializedFailsWithItsClassNamed() {
    Object value = new Object();
    CacheException failure = assertThrows(CacheException.class, () -> copier.copy(value, loader));
    assertTrue(failure.getMessage().contains("java.lang.Object"), failure.getMessage());
  }

  @Test
  void identityCopierCopiesNothing() {
    ArrayList<String> value = new ArrayList<>();
    assertSame(value, Copier.identity().copy(value, loader));
  }
}
