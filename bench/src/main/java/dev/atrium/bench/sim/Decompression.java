package dev.atrium.bench.sim;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * How a trace file is compressed, told by its extension: {@code .zst} (zstd), {@code .gz} (gzip),
 * {@code .xz} (xz), anything else is read as it is. Traces are read as they are shipped, never
 * unpacked to disk first.
 */
enum Decompression {
  ZSTD(".zst"),
  GZIP(".gz"),
  XZ(".xz"),
  NONE("");

  private static final int BUFFER = 1 << 16;

  private final String extension;

  Decompression(String extension) {
    this.extension = extension;
  }

  /** The decompression that the name of {@code file} calls for. */
  static Decompression of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    for (Decompression d : values()) {
      if (d != NONE && name.endsWith(d.extension)) {
        return d;
      }
    }
    return NONE;
  }

  /** Wraps the raw bytes of a file so that reading yields the trace itself. */
  InputStream decode(InputStream raw) throws IOException {
    InputStream buffered = new BufferedInputStream(raw, BUFFER);
    return switch (this) {
      case ZSTD -> new BufferedInputStream(new ZstdInputStream(buffered), BUFFER);
      case GZIP -> new GZIPInputStream(buffered, BUFFER);
      case XZ -> new BufferedInputStream(new XZInputStream(buffered), BUFFER);
      case NONE -> buffered;
    };
  }
}
