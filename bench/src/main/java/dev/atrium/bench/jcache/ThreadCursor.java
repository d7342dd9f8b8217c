package dev.atrium.bench.jcache;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Each thread's own Zipf stream: the same keys with the same popularity for every thread, drawn
 * independently from a seed fixed per thread index, so every run and every provider sees the same
 * streams.
 *
 * <p>Why not one shared stream walked from random offsets, as before: where the offsets fall
 * decided the workload. Two threads close together on one sequence touch the same keys at the
 * same moment (in get-put-on-miss, both miss the same key and both put it), far apart they do not,
 * and the offsets changed from fork to fork, so a fork's score depended on a draw that no
 * population of independent clients makes. The hybrid benchmark had the same fault
 * ({@code HybridCursor}).
 */
@State(Scope.Thread)
public class ThreadCursor {
  private final Integer[] keys = ZipfKeys.instance().keys;
  private int[] stream;
  private int index;

  @Setup
  public void start(ThreadParams thread) {
    stream = ZipfKeys.instance().threadStream(thread.getThreadIndex());
  }

  /** The next key of this thread's walk. */
  Integer nextKey() {
    return keys[stream[index++ & ZipfKeys.STREAM_MASK]];
  }

  /** The position of the key {@link #nextKey()} returned last: lets a workload mix operations. */
  int lastIndex() {
    return index - 1;
  }
}
