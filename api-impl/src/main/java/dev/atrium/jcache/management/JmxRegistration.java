package dev.atrium.jcache.management;

import java.lang.management.ManagementFactory;
import javax.cache.CacheException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Registers a cache's MXBeans with the platform MBean server under the spec's names:
 * {@code javax.cache:type=CacheConfiguration|CacheStatistics,CacheManager=<uri>,Cache=<name>}.
 */
public final class JmxRegistration {
  /** Which of the two beans. */
  public enum Kind {
    CONFIGURATION("CacheConfiguration"), STATISTICS("CacheStatistics");

    private final String type;

    Kind(String type) {
      this.type = type;
    }
  }

  private JmxRegistration() {}

  public static void register(Object bean, String managerUri, String cacheName, Kind kind) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = objectName(managerUri, cacheName, kind);
    try {
      if (!server.isRegistered(name)) {
        server.registerMBean(bean, name);
      }
    } catch (Exception e) {
      throw new CacheException("could not register the " + kind.type + " MXBean of " + cacheName, e);
    }
  }

  public static void unregister(String managerUri, String cacheName, Kind kind) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = objectName(managerUri, cacheName, kind);
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
    } catch (InstanceNotFoundException e) {
      // raced with another unregistration: the bean is gone, which is what was asked
    } catch (Exception e) {
      throw new CacheException("could not unregister the " + kind.type + " MXBean of " + cacheName, e);
    }
  }

  static ObjectName objectName(String managerUri, String cacheName, Kind kind) {
    try {
      return new ObjectName("javax.cache:type=" + kind.type + ",CacheManager=" + sanitize(managerUri)
          + ",Cache=" + sanitize(cacheName));
    } catch (MalformedObjectNameException e) {
      throw new CacheException("illegal MXBean name for " + cacheName, e);
    }
  }

  /** The same escaping the TCK expects: {@code : = , newline} become dots. */
  private static String sanitize(String value) {
    return value == null ? "" : value.replaceAll(":|=|\n|,", ".");
  }
}
