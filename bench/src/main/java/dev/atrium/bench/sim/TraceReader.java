package dev.atrium.bench.sim;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Turns the decompressed bytes of one trace format into its sequence of requested keys. */
interface TraceReader {

  /** Feeds every requested key of the trace to {@code requests}, in trace order. */
  void read(InputStream in, LongConsumer requests) throws IOException;
}
