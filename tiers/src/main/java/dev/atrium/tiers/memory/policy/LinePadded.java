package dev.atrium.tiers.memory.policy;

/**
 * A base class that puts 132 bytes of unused fields between an object's header and its
 * subclass's fields, so that those fields never share a cache line (nor the adjacent line that
 * the hardware prefetches with it) with the object allocated before it.
 *
 * <p><b>Why.</b> A shard's objects are allocated together and stay neighbours after the collector
 * copies them. Some are written on nearly every operation (a queue's head and length on each move,
 * a hit ring's counters), some are read on every lookup (LRU's refresh window, kept in the policy
 * object that is allocated right before its queue). Were a written field and a read field on one
 * line, each write on one core would make the other core's next read miss. The objects written
 * under load extend this class, so whatever precedes them keeps its lines to itself. Caffeine
 * pads its buffers' counters the same way; {@code @Contended} would do it without the fields, but
 * it is reserved to the JDK unless the application turns off a JVM restriction.
 *
 * <p>The int fills the 4-byte gap after a compressed header, where the JVM would otherwise place
 * a subclass's int or reference ahead of the padding.
 */
@SuppressWarnings("unused")
public abstract class LinePadded {
  private int p00;
  private long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16;
}
