package dev.atrium.bench.jcache;

import dev.atrium.bench.Permutations;
import java.util.Random;

/**
 * Precomputed streams of keys drawn from a Zipf distribution, so that no random numbers are
 * generated while timing: each benchmark thread walks its own {@link #independentStream} (see
 * {@link ThreadCursor} for why not one shared stream). Rank r (0 = most popular) is drawn with probability
 * proportional to {@code 1 / (r + 1)^s}; ranks are mapped to keys through a fixed random
 * permutation so that the hot keys are not neighbouring integers (which would favour or hurt a
 * particular hash layout). Seeds are fixed: every run and every provider sees the same keys.
 */
public final class ZipfKeys {
  /** Distinct keys. */
  public static final int KEY_SPACE = 1 << 16;
  /** Length of a precomputed stream. */
  public static final int STREAM = 1 << 20;
  public static final int STREAM_MASK = STREAM - 1;
  public static final double SKEW = 0.99;

  private static final ZipfKeys INSTANCE = new ZipfKeys(KEY_SPACE, STREAM, SKEW, 42);

  /** The boxed keys, created once so that boxing is not timed. */
  public final Integer[] keys;
  /** Indexes into {@link #keys}, Zipf-distributed. */
  public final int[] stream;

  private final int[] rankToKey;
  private final double[] cumulative;

  public ZipfKeys(int keySpace, int length, double skew, long seed) {
    Random random = new Random(seed);
    rankToKey = Permutations.of(keySpace, random::nextInt);
    cumulative = new double[keySpace];
    double sum = 0;
    for (int rank = 0; rank < keySpace; rank++) {
      sum += 1.0 / Math.pow(rank + 1, skew);
      cumulative[rank] = sum;
    }
    keys = new Integer[keySpace];
    for (int i = 0; i < keySpace; i++) {
      keys[i] = i;
    }
    stream = draw(random, length);
  }

  /**
   * Another stream over the same keys with the same popularity (the same rank of each key),
   * drawn independently from {@code seed}. Threads that walk one shared stream meet on the same
   * keys whenever their offsets drift together, which no population of independent clients does.
   */
  public int[] independentStream(long seed) {
    return draw(new Random(seed), stream.length);
  }

  /**
   * The stream of benchmark thread {@code threadIndex}: independent of the other threads', the
   * same in every run and for every provider.
   */
  public int[] threadStream(int threadIndex) {
    return independentStream(1_000 + threadIndex);
  }

  private int[] draw(Random random, int length) {
    double sum = cumulative[cumulative.length - 1];
    int[] drawn = new int[length];
    for (int i = 0; i < length; i++) {
      double u = random.nextDouble() * sum;
      drawn[i] = rankToKey[lowerBound(cumulative, u)];
    }
    return drawn;
  }

  static ZipfKeys instance() {
    return INSTANCE;
  }

  /** The first index whose cumulative weight reaches {@code u}. */
  private static int lowerBound(double[] cumulative, double u) {
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] < u) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
