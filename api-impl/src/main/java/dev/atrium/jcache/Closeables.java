package dev.atrium.jcache;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes what the spec says a closing cache must close (loaders, writers, expiry policies,
 * listeners and filters that are {@link AutoCloseable}), without letting one failure stop the rest.
 */
public final class Closeables {
  private static final Logger LOG = Logger.getLogger(Closeables.class.getName());

  private Closeables() {}

  /** Closes {@code resource} if it is closeable; a failure is logged, not thrown. */
  public static void closeQuietly(Object resource) {
    if (resource instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "closing " + resource + " failed", e);
      }
    }
  }
}
