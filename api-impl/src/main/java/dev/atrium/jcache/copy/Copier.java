package dev.atrium.jcache.copy;

/**
 * Takes the copies that store-by-value requires: on the way into the cache and on the way out,
 * so that neither the caller nor the cache can change what the other holds.
 */
@FunctionalInterface
public interface Copier {

  /** A copy of {@code object} whose classes resolve through {@code classLoader}. */
  <T> T copy(T object, ClassLoader classLoader);

  /** No copies: store-by-reference. */
  static Copier identity() {
    return IdentityCopier.INSTANCE;
  }
}
