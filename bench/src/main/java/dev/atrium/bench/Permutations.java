package dev.atrium.bench;

import java.util.function.IntUnaryOperator;

/** Random permutations for the benchmarks' key orders. */
public final class Permutations {
  private Permutations() {}

  /**
   * A uniformly random permutation of {@code [0, n)} (Fisher-Yates), drawing from
   * {@code nextInt(bound)}, which returns a value in {@code [0, bound)}: each benchmark keeps its
   * own generator and seed, so its key order stays what it was.
   */
  public static int[] of(int n, IntUnaryOperator nextInt) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = nextInt.applyAsInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
