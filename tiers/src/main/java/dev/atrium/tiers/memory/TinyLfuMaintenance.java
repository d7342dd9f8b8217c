package dev.atrium.tiers.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When Caffeine runs the maintenance of a {@link TinyLfuMemoryTier} (draining its read and write
 * buffers into the policy, evicting): at once when a write asks for it, later when a read does.
 * Caffeine hands its maintenance to an executor; this is that executor, and it starts no thread.
 *
 * <p><b>Writes stay synchronous.</b> The tier's bound holds when a write returns and its victims
 * have been reported by then (the hybrid store and the contract tests rely on both), so
 * maintenance that a write triggers runs inline on the writer's thread. A write that finds a read's
 * maintenance deferred does not trigger its own (Caffeine sees a drain pending and only notes that
 * it has more to do), so the writer runs the deferred one when its write is done ({@link #exit}).
 * Under concurrency this is what a same-thread executor gave too: a writer that finds another
 * thread maintaining leaves its write to that thread, or to the next operation.
 *
 * <p><b>Reads do not wait.</b> A read records the access in Caffeine's read buffer, which is
 * lossy; when the buffer is full, draining it (the frequency sketch, the LRU reorder) is policy
 * work that no reader needs the result of. Run at once on the reader's thread, as a same-thread
 * executor does, it took a fifth of the time of the JCache read benchmark; Caffeine's own JCache
 * module runs it on the common pool, whose thread gets little of two busy cores, so that most
 * reads meanwhile find the buffer full and drop their access: that is how Caffeine sheds policy
 * work under load. Here a read's maintenance waits for the next write, or for the reading thread's
 * Nth read after it, whichever comes first: reads in between are dropped the same way,
 * deterministically, without a thread to wake, and a read-only workload still drains (so the
 * policy keeps learning from it). Evictions happen only in writes, so what a write decides has
 * always seen the reads the buffer kept.
 *
 * <p><b>N backs off in a long phase of reads only.</b> N is {@value #MIN_READS_PER_DRAIN}; once
 * the drains that reads ran since the last write have followed more reads than the cache holds
 * entries, each further one doubles N, up to {@value #MAX_READS_PER_DRAIN}; any write brings it
 * back. Between writes nothing is evicted, so the policy only needs a fair sample of such a phase
 * by the next write, and after reads of the whole capacity it has one: a 16-entry buffer stripe
 * then records 16 reads in 4,112 instead of 16 in 80, and readers stop spending a sixth of their
 * time reordering queues that no eviction consults yet (a profile of the JCache read benchmark,
 * where nothing is written). Why wait for the capacity: a short phase of hits is a large share of
 * what the policy learns on a small cache; backing off from the first drain cost gli (2,000
 * entries) 2.4 points of hit ratio in the trace simulator, and a fixed N of 1,024 cost it 3.4.
 */
final class TinyLfuMaintenance implements Executor {
  /** How many reads a thread makes while a read's maintenance is deferred before it runs it, after a write. */
  static final int MIN_READS_PER_DRAIN = 64;
  /** The same, after a long phase of reads only. */
  static final int MAX_READS_PER_DRAIN = 4096;

  private static final ThreadLocal<Caller> CALLERS = ThreadLocal.withInitial(Caller::new);
  private static final VarHandle DEFERRED;

  static {
    try {
      DEFERRED = MethodHandles.lookup().findVarHandle(TinyLfuMaintenance.class, "deferred", Runnable.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The maintenance a read asked for and nobody ran yet, or null. */
  private volatile Runnable deferred;
  /**
   * Threads running maintenance through this executor. Caffeine asks for maintenance under its
   * eviction lock, but a deferred drain takes that lock only when it runs, and waits for it: a
   * thread that finds another one maintaining leaves the drain for later rather than park behind
   * it (two threads that handed the lock back and forth that way ran at a tenth of the speed).
   */
  private final AtomicInteger maintaining = new AtomicInteger();
  /** How many reads since the last write, as counted by {@link #quietReads}, before N doubles. */
  private final long quietReadsBeforeBackoff;
  /**
   * The reads a thread makes before it runs a deferred drain, N above; and the reads that the
   * drains run by reads since the last write have followed (each counts the N of the thread that
   * ran it, not the other threads' reads: an underestimate, so the backoff starts late, not early).
   * Written without a lock: an update that races with a write's reset may win, which only delays
   * the reset to the next write; and written only when they change, so that a steady workload's
   * threads share their line.
   */
  private volatile int readsPerDrain = MIN_READS_PER_DRAIN;
  private volatile long quietReads;

  /**
   * @param quietReadsBeforeBackoff how many reads without a write before N starts to double: the
   *     tier's capacity (a weighted tier's is in weight, so it backs off later, or never)
   */
  TinyLfuMaintenance(long quietReadsBeforeBackoff) {
    this.quietReadsBeforeBackoff = quietReadsBeforeBackoff;
  }

  /** Marks the calling thread as writing to the tier until {@link #exit}, which takes what this returns. */
  Caller enter() {
    Caller caller = CALLERS.get();
    caller.writes++;
    if (quietReads != 0) {
      quietReads = 0;
      readsPerDrain = MIN_READS_PER_DRAIN;
    }
    return caller;
  }

  /**
   * Ends the write {@link #enter} began, after running the maintenance a read deferred, which
   * Caffeine counts on to cover this write. Never called under the tier's lock for a key: the
   * eviction it may run takes other keys' locks.
   */
  void exit(Caller caller) {
    try {
      runDeferred();
    } finally {
      caller.writes--;
    }
  }

  /** After each read: runs the deferred maintenance if this thread has read enough since it was deferred. */
  void afterRead() {
    if (deferred != null) {
      Caller caller = CALLERS.get();
      if (--caller.readsUntilDrain <= 0) {
        int interval = readsPerDrain;
        if (runDeferred()) {
          long quiet = quietReads + interval;
          quietReads = quiet;
          if (quiet >= quietReadsBeforeBackoff && interval < MAX_READS_PER_DRAIN) {
            interval *= 2;
            readsPerDrain = interval;
          }
        }
        caller.readsUntilDrain = interval;
      }
    }
  }

  /** Whether a read's maintenance is waiting (for tests). */
  boolean hasDeferred() {
    return deferred != null;
  }

  /** The reads a thread now makes before it runs a deferred drain (for tests). */
  int readsPerDrain() {
    return readsPerDrain;
  }

  /** Runs the deferred maintenance unless another thread is maintaining; returns whether it ran. */
  private boolean runDeferred() {
    Runnable task = deferred;
    if (task != null && maintaining.get() == 0 && DEFERRED.compareAndSet(this, task, null)) {
      run(task);
      return true;
    }
    return false;
  }

  private void run(Runnable task) {
    maintaining.incrementAndGet();
    try {
      task.run();
    } finally {
      maintaining.decrementAndGet();
    }
  }

  @Override
  public void execute(Runnable task) {
    if (CALLERS.get().writes > 0) {
      run(task);
    } else {
      // Caffeine marks the drain as pending before it calls here and asks for no other until
      // this one has run, so one slot is enough
      deferred = task;
    }
  }

  /** Per thread: how many tier writes it is inside, and its countdown to running a deferred drain. */
  static final class Caller {
    private int writes;
    private int readsUntilDrain = MIN_READS_PER_DRAIN;
  }
}
