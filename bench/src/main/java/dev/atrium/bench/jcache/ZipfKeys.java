package dev.atrium.bench.jcache;

import dev.atrium.bench.Permutations;
import java.util.Random;

/**
 * A precomputed stream of keys drawn from a Zipf distribution, shared by all threads so that no
 * random numbers are generated while timing. Rank r (0 = most popular) is drawn with probability
 * proportional to {@code 1 / (r + 1)^s}; ranks are mapped to keys through a fixed random
 * permutation so that the hot keys are not neighbouring integers (which would favour or hurt a
 * particular hash layout). Seeds are fixed: every run and every provider sees the same keys.
 */
public final class ZipfKeys {
  /** Distinct keys. */
  public static final int KEY_SPACE = 1 << 16;
  /** Length of the precomputed stream; each thread walks it from its own random offset. */
  public static final int STREAM = 1 << 20;
  public static final int STREAM_MASK = STREAM - 1;
  public static final double SKEW = 0.99;

  private static final ZipfKeys INSTANCE = new ZipfKeys(KEY_SPACE, STREAM, SKEW, 42);

  /** The boxed keys, created once so that boxing is not timed. */
  public final Integer[] keys;
  /** Indexes into {@link #keys}, Zipf-distributed. */
  public final int[] stream;

  public ZipfKeys(int keySpace, int length, double skew, long seed) {
    Random random = new Random(seed);
    int[] rankToKey = Permutations.of(keySpace, random::nextInt);
    double[] cumulative = new double[keySpace];
    double sum = 0;
    for (int rank = 0; rank < keySpace; rank++) {
      sum += 1.0 / Math.pow(rank + 1, skew);
      cumulative[rank] = sum;
    }
    keys = new Integer[keySpace];
    for (int i = 0; i < keySpace; i++) {
      keys[i] = i;
    }
    stream = new int[length];
    for (int i = 0; i < length; i++) {
      double u = random.nextDouble() * sum;
      int rank = lowerBound(cumulative, u);
      stream[i] = rankToKey[rank];
    }
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
