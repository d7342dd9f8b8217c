package dev.atrium.bench.sim;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Binary traces of 64-bit keys (the Scarab recommendation trace): no header, consecutive
 * big-endian signed longs, as {@link DataInputStream#readLong()} reads them. Trailing bytes that
 * do not make a whole key are an error, not silently dropped.
 */
final class Binary64TraceReader implements TraceReader {

  @Override
  public void read(InputStream in, LongConsumer requests) throws IOException {
    CountingInputStream counted = new CountingInputStream(new BufferedInputStream(in, 1 << 16));
    DataInputStream data = new DataInputStream(counted);
    long keys = 0;
    while (true) {
      long key;
      try {
        key = data.readLong();
      } catch (EOFException end) {
        if (counted.bytes() != keys * Long.BYTES) {
          throw new TraceFormatException("binary64 trace: " + (counted.bytes() - keys * Long.BYTES)
              + " trailing byte(s) after " + keys + " keys; the length must be a multiple of 8");
        }
        return;
      }
      keys++;
      requests.accept(key);
    }
  }
}
