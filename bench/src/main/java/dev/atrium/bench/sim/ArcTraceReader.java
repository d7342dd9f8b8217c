package dev.atrium.bench.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * ARC traces ({@code *.lis}, Megiddo and Modha, FAST'03): lines of four decimal integers,
 * {@code start_block num_blocks ignore request_no}, separated by single spaces. A line stands for
 * {@code num_blocks} requests, of {@code start_block} up to {@code start_block + num_blocks - 1};
 * the last two fields are ignored (Caffeine's {@code ArcTraceReader} reads them the same way).
 */
final class ArcTraceReader implements TraceReader {

  @Override
  public void read(InputStream in, LongConsumer requests) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
    long lineNumber = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNumber++;
      if (line.isEmpty()) {
        continue;
      }
      int firstSpace = line.indexOf(' ');
      int secondSpace = firstSpace < 0 ? -1 : line.indexOf(' ', firstSpace + 1);
      if (firstSpace <= 0 || secondSpace < 0) {
        throw malformed(lineNumber, line);
      }
      long start;
      long count;
      try {
        start = Long.parseLong(line, 0, firstSpace, 10);
        count = Long.parseLong(line, firstSpace + 1, secondSpace, 10);
      } catch (NumberFormatException e) {
        throw malformed(lineNumber, line);
      }
      if (count < 0) {
        throw malformed(lineNumber, line);
      }
      for (long i = 0; i < count; i++) {
        requests.accept(start + i);
      }
    }
  }

  private static TraceFormatException malformed(long lineNumber, String line) {
    return new TraceFormatException("ARC trace, line " + lineNumber
        + ": expected 'start_block num_blocks ignore request_no', found '" + line + "'");
  }
}
