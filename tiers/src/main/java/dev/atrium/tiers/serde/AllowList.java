package dev.atrium.tiers.serde;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The classes that Java-serialized bytes read from disk may instantiate: the JDK's value types
 * and collections, plus what the application names (its key and value types, or packages).
 * Everything else is rejected, so bytes on disk can never build arbitrary objects.
 */
public final class AllowList {
  /** JDK types a cached value commonly holds. */
  private static final List<String> JDK = List.of(
      "java.lang.*", "java.util.*", "java.time.*", "java.math.*", "java.net.URI", "java.net.URL",
      "java.lang.Enum", "java.lang.Number", "[*");

  private AllowList() {}

  /**
   * A filter that allows the JDK's value types and {@code patterns}: class names, {@code pkg.*}
   * (one package) or {@code pkg.**} (a package and its sub-packages), and rejects the rest.
   */
  public static ObjectInputFilter of(Collection<String> patterns) {
    List<String> all = new ArrayList<>(JDK);
    all.addAll(patterns);
    all.add("!*");
    return ObjectInputFilter.Config.createFilter(String.join(";", all));
  }

  /** Allows {@code types} and their packages (and sub-packages). */
  public static ObjectInputFilter forTypes(Collection<Class<?>> types, Collection<String> extraPatterns) {
    List<String> patterns = new ArrayList<>(extraPatterns);
    for (Class<?> type : types) {
      if (type != null && type != Object.class && type.getPackageName().length() > 0
          && !type.getPackageName().startsWith("java.")) {
        patterns.add(type.getPackageName() + ".**");
      }
    }
    return of(patterns);
  }
}
