package dev.atrium.bench.sim;

import java.io.IOException;

/** A trace whose bytes do not follow its format. */
final class TraceFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  TraceFormatException(String message) {
    super(message);
  }
}
