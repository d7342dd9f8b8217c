package dev.atrium.jcache.copy;

import dev.atrium.tiers.serde.JavaSerializer;
import dev.atrium.tiers.serde.SerializationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;
import javax.cache.CacheException;

/**
 * Store-by-value through serialization. Immutable JDK types (strings, boxed primitives, enums,
 * {@code java.time} values and the like) are returned as they are: a copy of an object nobody can
 * change would cost a serialization round trip and buy nothing.
 *
 * <p>Copies made here never leave the JVM, so the unfiltered Java serializer is used; bytes read
 * back from disk go through the filtered one (see {@code dev.atrium.tiers.serde}).
 */
public final class SerializingCopier implements Copier {
  private static final Set<Class<?>> IMMUTABLE = Set.of(
      String.class, Boolean.class, Byte.class, Short.class, Character.class, Integer.class,
      Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class, UUID.class,
      URI.class, URL.class, Class.class, Instant.class, Duration.class, LocalDate.class,
      LocalTime.class, LocalDateTime.class, OffsetDateTime.class, ZonedDateTime.class);

  public static final SerializingCopier INSTANCE = new SerializingCopier();

  private SerializingCopier() {}

  /** Whether {@code object} can be shared as it is. */
  static boolean isImmutable(Object object) {
    return IMMUTABLE.contains(object.getClass()) || object instanceof Enum<?>;
  }

  @Override
  public <T> T copy(T object, ClassLoader classLoader) {
    if (object == null || isImmutable(object)) {
      return object;
    }
    JavaSerializer<T> serializer = JavaSerializer.unfiltered(classLoader);
    try {
      return serializer.deserialize(serializer.serialize(object));
    } catch (SerializationException e) {
      throw new CacheException("store-by-value could not copy a " + object.getClass().getName()
          + ": " + e.getMessage(), e);
    }
  }
}
