package dev.atrium.examples;

import java.util.Arrays;
import java.util.Random;

/**
 * A precomputed stream of object ids drawn from a Zipf distribution: the object of popularity rank
 * {@code r} is drawn with probability proportional to {@code 1 / r^s}. Ranks map to ids through a
 * seeded shuffle, so the hot objects are scattered over the id space rather than the lowest ids.
 */
final class ZipfKeys {
  private ZipfKeys() {}

  /** {@code count} ids in {@code [0, objects)}, the same for the same arguments. */
  static int[] generate(int objects, double exponent, int count, long seed) {
    double[] cumulative = new double[objects];
    double sum = 0;
    for (int rank = 0; rank < objects; rank++) {
      sum += 1.0 / Math.pow(rank + 1, exponent);
      cumulative[rank] = sum;
    }
    Random random = new Random(seed);
    int[] idOfRank = shuffledIds(objects, random);
    int[] ids = new int[count];
    for (int i = 0; i < count; i++) {
      int found = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
      int rank = found >= 0 ? found : Math.min(-found - 1, objects - 1);
      ids[i] = idOfRank[rank];
    }
    return ids;
  }

  private static int[] shuffledIds(int objects, Random random) {
    int[] ids = new int[objects];
    for (int i = 0; i < objects; i++) {
      ids[i] = i;
    }
    for (int i = objects - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = ids[i];
      ids[i] = ids[j];
      ids[j] = swap;
    }
    return ids;
  }
}
