/**
 * The trace simulator: replays a recorded access trace against a real memory tier (built by
 * {@link dev.atrium.tiers.memory.MemoryTiers#create}) and counts hits, so hit ratios are measured
 * apart from speed. Every request is a read; a miss inserts the key. Traces are read as shipped,
 * compressed or not, and streamed.
 */
package dev.atrium.bench.sim;
