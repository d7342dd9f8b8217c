package dev.atrium.bench.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * LIRS traces ({@code *.trace}, Jiang and Zhang, SIGMETRICS'02): one decimal key per line. Lines
 * are trimmed (loop.trace ends its lines with CRLF); empty lines and the {@code *} breakpoint
 * marker are skipped (gli.trace ends with an empty line).
 */
final class LirsTraceReader implements TraceReader {

  @Override
  public void read(InputStream in, LongConsumer requests) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
    long lineNumber = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNumber++;
      String key = line.trim();
      if (key.isEmpty() || key.equals("*")) {
        continue;
      }
      try {
        requests.accept(Long.parseLong(key));
      } catch (NumberFormatException e) {
        throw new TraceFormatException("LIRS trace, line " + lineNumber
            + ": expected a decimal key, found '" + line + "'");
      }
    }
  }
}
