package dev.atrium.jcache.configuration;

import java.util.Locale;

/** Parses sizes as people write them: {@code 512}, {@code 64KiB}, {@code 256MiB}, {@code 2GiB}, {@code 10MB}. */
final class ByteSize {
  private ByteSize() {}

  static long parse(String text) {
    String value = text.trim().toUpperCase(Locale.ROOT).replace("_", "");
    long unit = 1;
    String[][] units = {{"KIB", "1024"}, {"MIB", "1048576"}, {"GIB", "1073741824"},
        {"KB", "1000"}, {"MB", "1000000"}, {"GB", "1000000000"}, {"K", "1024"}, {"M", "1048576"},
        {"G", "1073741824"}, {"B", "1"}};
    for (String[] candidate : units) {
      if (value.endsWith(candidate[0])) {
        unit = Long.parseLong(candidate[1]);
        value = value.substring(0, value.length() - candidate[0].length()).trim();
        break;
      }
    }
    long number = Long.parseLong(value);
    if (number < 0) {
      throw new NumberFormatException("a size cannot be negative");
    }
    return Math.multiplyExact(number, unit);
  }
}
