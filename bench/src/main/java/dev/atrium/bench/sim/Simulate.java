package dev.atrium.bench.sim;

import dev.atrium.tiers.memory.EvictionPolicy;
import dev.atrium.tiers.memory.MemoryTier;
import dev.atrium.tiers.memory.MemoryTierConfig;
import dev.atrium.tiers.memory.MemoryTiers;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's command line:
 * {@code --trace FILE --format arc|lirs|binary64 --policy NAME --size N [--shards K]}. Prints one
 * line, {@code hit_ratio=0.xxxx hits=N requests=M}, on stdout; a progress bar on stderr for long
 * traces. Exit codes: 0 done, 1 the trace could not be read, 2 a bad argument (the message names it).
 */
public final class Simulate {
  static final int OK = 0;
  static final int UNREADABLE = 1;
  static final int USAGE = 2;

  private static final String USAGE_LINE =
      "usage: simulate --trace FILE --format arc|lirs|binary64 --policy NAME --size N [--shards K]";
  private static final List<String> OPTIONS = List.of("--trace", "--format", "--policy", "--size", "--shards");

  private Simulate() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    System.out.flush();
    if (code != OK) {
      System.exit(code);
    }
  }

  /** Runs the command line; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (BadArgument e) {
      err.println("simulate: " + e.getMessage());
      err.println(USAGE_LINE);
      return USAGE;
    }
    MemoryTier<Long, Long> tier;
    try {
      tier = MemoryTiers.create(MemoryTierConfig.<Long, Long>builder()
          .policy(options.policy)
          .maximumSize(options.size)
          .shards(options.shards)
          .ticker(() -> 0L)
          .build());
    } catch (IllegalArgumentException e) {
      err.println("simulate: --policy " + options.policy.configName() + " --size " + options.size
          + " --shards " + options.shards + ": " + e.getMessage());
      return USAGE;
    }
    try (tier) {
      TraceSimulation.Result result = replay(options.trace, options.format, tier, err);
      out.println(result.line());
      return OK;
    } catch (IOException | UncheckedIOException e) {
      err.println("simulate: " + options.trace + ": " + e.getMessage());
      return UNREADABLE;
    }
  }

  /** Streams {@code trace} through {@code tier}; draws progress on {@code err} unless it is null. */
  static TraceSimulation.Result replay(Path trace, TraceFormat format, MemoryTier<Long, Long> tier,
      PrintStream err) throws IOException {
    long fileSize = Files.size(trace);
    try (CountingInputStream raw = new CountingInputStream(Files.newInputStream(trace));
        InputStream decoded = Decompression.of(trace).decode(raw)) {
      ProgressBar progress = err == null ? ProgressBar.silent() : new ProgressBar(err, raw::bytes, fileSize);
      TraceSimulation simulation = new TraceSimulation(tier, progress);
      format.reader().read(decoded, simulation::request);
      TraceSimulation.Result result = simulation.result();
      progress.finish(result.requests());
      return result;
    }
  }

  /** A command-line argument that is missing or wrong; the message names it. */
  static final class BadArgument extends Exception {
    private static final long serialVersionUID = 1L;

    BadArgument(String message) {
      super(message);
    }
  }

  /** The parsed command line. */
  record Options(Path trace, TraceFormat format, EvictionPolicy policy, long size, int shards) {

    static Options parse(String[] args) throws BadArgument {
      Map<String, String> values = new HashMap<>();
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        String value;
        int eq = name.indexOf('=');
        if (name.startsWith("--") && eq > 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new BadArgument(OPTIONS.contains(name) ? name + ": missing value" : "unknown argument '" + name + "'");
        }
        if (!OPTIONS.contains(name)) {
          throw new BadArgument("unknown argument '" + name + "'");
        }
        if (values.put(name, value) != null) {
          throw new BadArgument(name + ": given twice");
        }
      }
      Path trace = Path.of(required(values, "--trace"));
      if (!Files.isRegularFile(trace)) {
        throw new BadArgument("--trace: no such file: " + trace);
      }
      if (!Files.isReadable(trace)) {
        throw new BadArgument("--trace: cannot read " + trace);
      }
      TraceFormat format;
      try {
        format = TraceFormat.fromName(required(values, "--format"));
      } catch (IllegalArgumentException e) {
        throw new BadArgument("--format: " + e.getMessage());
      }
      EvictionPolicy policy;
      try {
        policy = EvictionPolicy.fromName(required(values, "--policy"));
      } catch (IllegalArgumentException e) {
        throw new BadArgument("--policy: " + e.getMessage());
      }
      long size = number("--size", required(values, "--size"));
      if (size <= 0) {
        throw new BadArgument("--size: must be a positive number of entries, was " + size);
      }
      long shards = values.containsKey("--shards") ? number("--shards", values.get("--shards")) : 0;
      if (shards < 0 || shards > (1 << 30) || (shards != 0 && Long.bitCount(shards) != 1)) {
        throw new BadArgument("--shards: must be 0 (the policy's default) or a power of two, was " + shards);
      }
      return new Options(trace, format, policy, size, (int) shards);
    }

    private static String required(Map<String, String> values, String name) throws BadArgument {
      String value = values.get(name);
      if (value == null || value.isBlank()) {
        throw new BadArgument(name + ": required");
      }
      return value;
    }

    private static long number(String name, String value) throws BadArgument {
      try {
        return Long.parseLong(value.trim().replace("_", ""));
      } catch (NumberFormatException e) {
        throw new BadArgument(name + ": not a number: '" + value + "'");
      }
    }
  }
}
