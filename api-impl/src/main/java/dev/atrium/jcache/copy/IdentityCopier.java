package dev.atrium.jcache.copy;

/** Store-by-reference: the cache holds the caller's object itself. */
enum IdentityCopier implements Copier {
  INSTANCE;

  @Override
  public <T> T copy(T object, ClassLoader classLoader) {
    return object;
  }
}
