package dev.atrium.tiers.serde;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * Java serialization, the fallback for types without a dedicated serializer.
 *
 * <p>Classes are resolved through the given class loader (the cache's, which may not be the one
 * that loaded this class). An {@link ObjectInputFilter} decides which classes bytes may
 * instantiate: bytes read back from disk must never instantiate arbitrary classes, so the
 * hybrid tier passes an allow-list. In-memory copies of an object the application just handed
 * over cross no trust boundary and may use {@link #unfiltered}.
 */
public final class JavaSerializer<T> implements Serializer<T> {
  private final ClassLoader classLoader;
  private final ObjectInputFilter filter;

  private JavaSerializer(ClassLoader classLoader, ObjectInputFilter filter) {
    this.classLoader = classLoader;
    this.filter = filter;
  }

  /** Reads only what {@code filter} allows. */
  public static <T> JavaSerializer<T> filtered(ClassLoader classLoader, ObjectInputFilter filter) {
    return new JavaSerializer<>(classLoader, filter);
  }

  /** Reads any class {@code classLoader} can load: for in-memory copies only. */
  public static <T> JavaSerializer<T> unfiltered(ClassLoader classLoader) {
    return new JavaSerializer<>(classLoader, null);
  }

  @Override
  public byte[] serialize(T value) {
    if (!(value instanceof Serializable)) {
      throw new SerializationException(value.getClass().getName()
          + " is not Serializable: store-by-value needs a serializer for it", null);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new SerializationException("could not serialize " + value.getClass().getName(), e);
    }
    return bytes.toByteArray();
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(byte[] bytes) {
    try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), classLoader)) {
      if (filter != null) {
        in.setObjectInputFilter(filter);
      }
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new SerializationException("could not deserialize", e);
    }
  }

  /** Resolves classes through a chosen loader, falling back to the default resolution. */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      if (loader != null) {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          // primitives and JDK classes the loader may not delegate to: the default resolution
        }
      }
      return super.resolveClass(desc);
    }
  }
}
