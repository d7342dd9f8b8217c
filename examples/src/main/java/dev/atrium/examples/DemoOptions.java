package dev.atrium.examples;

import java.util.List;

/**
 * The demo's command line: {@code --requests N --objects N --memory N --threads N --warmup N}, each
 * optional. A bad option fails with a message that says which one and why.
 *
 * @param requests measured requests per run
 * @param warmup requests per run before measuring (same key stream, not measured)
 * @param objects distinct objects in the store
 * @param memory the memory tier's bound in entries
 * @param threads client threads
 */
record DemoOptions(int requests, int warmup, int objects, int memory, int threads) {
  static final String USAGE = """
      usage: ObjectStoreDemo [--requests N] [--warmup N] [--objects N] [--memory N] [--threads N]
        --requests N  measured cache reads per run          (default 10000)
        --warmup N    reads per run before measuring        (default 6 x objects)
        --objects N   distinct objects in the store         (default 5000)
        --memory N    memory tier bound, entries            (default objects / 10)
        --threads N   client threads, 1 to 256              (default 16)""";

  private static final List<String> OPTIONS =
      List.of("--requests", "--warmup", "--objects", "--memory", "--threads");

  DemoOptions {
    require(requests >= 1, "--requests must be at least 1, was " + requests);
    require(warmup >= 0, "--warmup must be at least 0, was " + warmup);
    require(objects >= 2, "--objects must be at least 2, was " + objects);
    require(memory >= 1 && memory < objects,
        "--memory must be at least 1 and less than --objects (" + objects + "), was " + memory);
    require(threads >= 1 && threads <= 256, "--threads must be between 1 and 256, was " + threads);
  }

  /** Parses {@code args}; throws {@link IllegalArgumentException} naming the bad option. */
  static DemoOptions parse(List<String> args) {
    Integer requests = null;
    Integer warmup = null;
    Integer objects = null;
    Integer memory = null;
    Integer threads = null;
    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      if (option.isBlank()) {
        continue;
      }
      if (!OPTIONS.contains(option)) {
        throw new IllegalArgumentException("unknown option " + option);
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(option + " needs a number after it");
      }
      int value = number(option, args.get(++i));
      switch (option) {
        case "--requests" -> requests = value;
        case "--warmup" -> warmup = value;
        case "--objects" -> objects = value;
        case "--memory" -> memory = value;
        case "--threads" -> threads = value;
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    int objectCount = objects == null ? 5_000 : objects;
    return new DemoOptions(
        requests == null ? 10_000 : requests,
        warmup == null ? (int) Math.min(Integer.MAX_VALUE, 6L * objectCount) : warmup,
        objectCount,
        memory == null ? Math.max(1, objectCount / 10) : memory,
        threads == null ? 16 : threads);
  }

  private static int number(String option, String text) {
    try {
      return Integer.parseInt(text.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a whole number, was '" + text + "'");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
