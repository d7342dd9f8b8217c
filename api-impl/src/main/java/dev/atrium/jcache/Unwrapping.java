package dev.atrium.jcache;

/**
 * The {@code unwrap} of the spec's types (cache, manager, entry, event, mutable entry): the first
 * of {@code candidates} that is an instance of the requested class, else the spec's
 * {@link IllegalArgumentException}, naming what could not be unwrapped.
 */
public final class Unwrapping {
  private Unwrapping() {}

  /**
   * @param what names the object in the error, e.g. "the cache manager"
   * @param candidates the object itself first, then what it wraps
   */
  public static <T> T unwrap(Class<T> clazz, String what, Object... candidates) {
    for (Object candidate : candidates) {
      if (clazz.isInstance(candidate)) {
        return clazz.cast(candidate);
      }
    }
    throw new IllegalArgumentException(what + " cannot be unwrapped to " + clazz.getName());
  }
}
