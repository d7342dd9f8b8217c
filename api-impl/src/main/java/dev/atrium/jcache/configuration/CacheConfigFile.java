package dev.atrium.jcache.configuration;

import dev.atrium.tiers.disk.Compression;
import dev.atrium.tiers.hybrid.WritePolicy;
import dev.atrium.tiers.memory.EvictionPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import javax.cache.CacheException;

/**
 * The declarative configuration of a cache manager: a properties file that shapes the caches
 * created from plain JCache configurations, which is how frameworks create them (Hibernate
 * regions, Spring and Micronaut caches).
 *
 * <pre>
 * # every cache without a section of its own
 * default.memory.policy = s3fifo
 * default.memory.maximum-size = 10000
 * # caches whose name matches a glob (first matching template in file order)
 * template.entities.match = com.example.domain.*
 * template.entities.memory.maximum-size = 50000
 * template.entities.disk.budget = 1GiB
 * # one cache by name
 * cache.sessions.memory.policy = sieve
 * </pre>
 *
 * A cache takes the {@code default} settings, then those of its first matching template, then
 * those of its own section. Settings: {@link #SETTINGS}. A file with an unknown setting or a bad
 * value is refused with an error that names the key and the file.
 */
public final class CacheConfigFile {
  /** The settings a section may hold. */
  public static final List<String> SETTINGS = List.of(
      "memory.policy", "memory.maximum-size", "memory.shards",
      "disk.budget", "disk.directory", "disk.persistent", "disk.compression", "disk.mmap-reads",
      "disk.write-policy", "disk.max-entry-size", "disk.bytes-per-second", "disk.write-queue", "disk.allow-classes");

  private final String source;
  private final Map<String, String> defaults = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> templates = new LinkedHashMap<>();
  private final Map<String, Pattern> matches = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> caches = new LinkedHashMap<>();

  private CacheConfigFile(String source, OrderedProperties properties) {
    this.source = source;
    for (String key : properties.keysInFileOrder()) {
      String value = properties.getProperty(key).trim();
      if (key.startsWith("default.")) {
        defaults.put(setting(key, key.substring("default.".length())), value);
      } else if (key.startsWith("template.") || key.startsWith("cache.")) {
        boolean template = key.startsWith("template.");
        String rest = key.substring(template ? "template.".length() : "cache.".length());
        int dot = sectionEnd(rest, template);
        if (dot <= 0) {
          throw error(key, "expected " + (template ? "template" : "cache") + ".<name>.<setting>");
        }
        String section = rest.substring(0, dot);
        String setting = rest.substring(dot + 1);
        if (template && setting.equals("match")) {
          matches.put(section, glob(value));
        } else {
          (template ? templates : caches).computeIfAbsent(section, s -> new LinkedHashMap<>())
              .put(setting(key, setting), value);
        }
      } else {
        throw error(key, "expected a key starting with default., template. or cache.");
      }
    }
    for (String template : templates.keySet()) {
      if (!matches.containsKey(template)) {
        throw error("template." + template + ".match", "the template has no match pattern");
      }
    }
    // check every value now, so that a broken file fails when the manager opens, not later
    AtriumConfiguration<Object, Object> probe = new AtriumConfiguration<>();
    applySection(defaults, "default.", probe);
    templates.forEach((name, section) -> applySection(section, "template." + name + ".", probe));
    caches.forEach((name, section) -> applySection(section, "cache." + name + ".", probe));
  }

  /**
   * The file a cache manager URI names, or null when it names none: a {@code classpath:}
   * resource, a {@code file:} or {@code jar:} URL, or a path, ending in {@code .properties}.
   * Without one, the system property {@code atrium.config} may name a file for every manager.
   */
  public static CacheConfigFile forManager(URI uri, ClassLoader classLoader) {
    String location = uri.toString();
    if (!location.endsWith(".properties")) {
      location = System.getProperty("atrium.config");
      if (location == null || location.isBlank()) {
        return null;
      }
    }
    return load(location, classLoader);
  }

  /** Reads the file at {@code location} ({@code classpath:...}, a URL, or a path). */
  public static CacheConfigFile load(String location, ClassLoader classLoader) {
    OrderedProperties properties = new OrderedProperties();
    try (InputStream in = open(location, classLoader)) {
      properties.load(in);
    } catch (IOException e) {
      throw new CacheException("cannot read the Atrium configuration file " + location + ": " + e, e);
    }
    return new CacheConfigFile(location, properties);
  }

  private static InputStream open(String location, ClassLoader classLoader) throws IOException {
    if (location.startsWith("classpath:")) {
      String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
      InputStream in = classLoader.getResourceAsStream(resource);
      if (in == null) {
        throw new IOException("no such resource on the class path");
      }
      return in;
    }
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !location.matches("^[a-zA-Z]:\\\\.*")) {
      return URI.create(location).toURL().openStream();
    }
    return Files.newInputStream(Path.of(location));
  }

  /** Applies the settings for {@code cacheName}: defaults, its first matching template, its section. */
  public <K, V> void applyTo(String cacheName, AtriumConfiguration<K, V> configuration) {
    applySection(defaults, "default.", configuration);
    for (Map.Entry<String, Pattern> match : matches.entrySet()) {
      if (match.getValue().matcher(cacheName).matches()) {
        // a template may hold only its match: its caches then keep the defaults
        applySection(templates.getOrDefault(match.getKey(), Map.of()), "template." + match.getKey() + ".", configuration);
        break;
      }
    }
    Map<String, String> own = caches.get(cacheName);
    if (own != null) {
      applySection(own, "cache." + cacheName + ".", configuration);
    }
  }

  private <K, V> void applySection(Map<String, String> section, String prefix,
      AtriumConfiguration<K, V> target) {
    for (Map.Entry<String, String> entry : section.entrySet()) {
      String key = prefix + entry.getKey();
      String value = entry.getValue();
      try {
        apply(entry.getKey(), value, target);
      } catch (IllegalArgumentException e) {
        throw error(key, "bad value '" + value + "': " + e.getMessage());
      }
    }
  }

  private static <K, V> void apply(String setting, String value, AtriumConfiguration<K, V> target) {
    DiskOptions disk = target.getDisk();
    switch (setting) {
      case "memory.policy" -> target.evictionPolicy(EvictionPolicy.fromName(value));
      case "memory.maximum-size" -> target.maximumSize(Long.parseLong(value.replace("_", "")));
      case "memory.shards" -> target.shards(Integer.parseInt(value));
      case "disk.budget" -> target.disk(disk.withBudget(ByteSize.parse(value)));
      case "disk.directory" -> target.disk(disk.withDirectory(Path.of(value)));
      case "disk.persistent" -> target.disk(disk.withPersistent(bool(value)));
      case "disk.compression" -> target.disk(disk.withCompression(
          Compression.valueOf(value.toUpperCase(Locale.ROOT))));
      case "disk.mmap-reads" -> target.disk(disk.withMmapReads(bool(value)));
      case "disk.write-policy" -> target.disk(disk.withWritePolicy(
          WritePolicy.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'))));
      case "disk.max-entry-size" -> target.disk(disk.withAdmission(
          Math.toIntExact(ByteSize.parse(value)), disk.bytesPerSecond(), disk.writeQueueBytes()));
      case "disk.bytes-per-second" -> target.disk(disk.withAdmission(
          disk.maxEntryBytes(), ByteSize.parse(value), disk.writeQueueBytes()));
      case "disk.write-queue" -> target.disk(disk.withAdmission(
          disk.maxEntryBytes(), disk.bytesPerSecond(), ByteSize.parse(value)));
      case "disk.allow-classes" -> target.disk(disk.withAllowedClasses(
          Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()));
      default -> throw new IllegalStateException("unreachable: " + setting);
    }
  }

  private static boolean bool(String value) {
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException("expected true or false");
  }

  private String setting(String key, String setting) {
    if (!SETTINGS.contains(setting)) {
      throw error(key, "unknown setting '" + setting + "'; known: " + String.join(", ", SETTINGS));
    }
    return setting;
  }

  /**
   * Where the section name ends in {@code <name>.<setting>}. Names may hold dots (Hibernate regions
   * are class names), settings are known, so the setting is the known suffix; an unknown one is
   * guessed from its group ({@code memory.}, {@code disk.}) so that the error can name it.
   */
  private static int sectionEnd(String rest, boolean template) {
    for (String setting : SETTINGS) {
      if (rest.endsWith("." + setting)) {
        return rest.length() - setting.length() - 1;
      }
    }
    if (template && rest.endsWith(".match")) {
      return rest.length() - ".match".length();
    }
    int group = Math.max(rest.lastIndexOf(".memory."), rest.lastIndexOf(".disk."));
    return group > 0 ? group : rest.indexOf('.');
  }

  /** Properties that remember the order of their keys: the first matching template is the file's first. */
  private static final class OrderedProperties extends Properties {
    private static final long serialVersionUID = 1L;
    private final Set<String> order = new LinkedHashSet<>();

    @Override
    public synchronized Object put(Object key, Object value) {
      order.add((String) key);
      return super.put(key, value);
    }

    List<String> keysInFileOrder() {
      return new ArrayList<>(order);
    }
  }

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      regex.append(switch (c) {
        case '*' -> ".*";
        case '?' -> ".";
        default -> Pattern.quote(String.valueOf(c));
      });
    }
    return Pattern.compile(regex.toString());
  }

  private CacheException error(String key, String problem) {
    return new CacheException("Atrium configuration " + source + ", key '" + key + "': " + problem);
  }
}
