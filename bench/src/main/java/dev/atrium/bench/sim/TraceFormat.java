package dev.atrium.bench.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The trace formats the simulator reads; the configuration string of each is its {@link #configName()}. */
enum TraceFormat {
  /** ARC's {@code *.lis}: {@code start_block num_blocks ignore request_no}. */
  ARC("arc", new ArcTraceReader()),
  /** LIRS's {@code *.trace}: one decimal key per line. */
  LIRS("lirs", new LirsTraceReader()),
  /** Headerless big-endian 64-bit keys (Scarab). */
  BINARY64("binary64", new Binary64TraceReader());

  private final String configName;
  private final TraceReader reader;

  TraceFormat(String configName, TraceReader reader) {
    this.configName = configName;
    this.reader = reader;
  }

  String configName() {
    return configName;
  }

  TraceReader reader() {
    return reader;
  }

  /** The format named {@code name} (case-insensitive). */
  static TraceFormat fromName(String name) {
    for (TraceFormat format : values()) {
      if (format.configName.equalsIgnoreCase(name.trim())) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown trace format '" + name + "': expected one of "
        + Arrays.stream(values()).map(TraceFormat::configName).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return configName.toLowerCase(Locale.ROOT);
  }
}
