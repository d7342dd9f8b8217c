package dev.atrium.bench.disk;

import java.util.SplittableRandom;

/**
 * Which key a benchmark thread touches next: uniform, or Zipfian (theta 0.99, YCSB's generator)
 * with the popular ranks scattered over the key space. Samples are drawn ahead into an array so
 * that the measured loop only reads it.
 */
public enum KeyDistribution {
  UNIFORM,
  ZIPF;

  private static final double THETA = 0.99;

  /** {@code count} key indexes in {@code [0, keys)}, drawn with {@code seed}. */
  public int[] samples(int keys, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] out = new int[count];
    if (this == UNIFORM) {
      for (int i = 0; i < count; i++) {
        out[i] = random.nextInt(keys);
      }
      return out;
    }
    double zetaN = zeta(keys);
    double zeta2 = zeta(2);
    double alpha = 1.0 / (1.0 - THETA);
    double eta = (1 - Math.pow(2.0 / keys, 1 - THETA)) / (1 - zeta2 / zetaN);
    for (int i = 0; i < count; i++) {
      double u = random.nextDouble();
      double uz = u * zetaN;
      long rank;
      if (uz < 1.0) {
        rank = 0;
      } else if (uz < 1.0 + Math.pow(0.5, THETA)) {
        rank = 1;
      } else {
        rank = (long) (keys * Math.pow(eta * u - eta + 1, alpha));
      }
      out[i] = scatter(Math.min(rank, keys - 1), keys);
    }
    return out;
  }

  private static double zeta(long n) {
    double sum = 0;
    for (long i = 1; i <= n; i++) {
      sum += 1 / Math.pow(i, THETA);
    }
    return sum;
  }

  /** Spreads ranks over the key space so hot keys do not share sets (a bijection-free mix). */
  private static int scatter(long rank, int keys) {
    long z = (rank + 1) * 0x9E3779B97F4A7C15L;
    z ^= z >>> 31;
    return (int) Long.remainderUnsigned(z, keys);
  }
}
