package dev.atrium.bench.jcache;

import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Each thread's position in the shared Zipf stream, starting at a random offset. */
@State(Scope.Thread)
public class ThreadCursor {
  private final Integer[] keys = ZipfKeys.instance().keys;
  private final int[] stream = ZipfKeys.instance().stream;
  private int index;

  @Setup
  public void start() {
    index = ThreadLocalRandom.current().nextInt(ZipfKeys.STREAM);
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
