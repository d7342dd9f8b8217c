package dev.atrium.bench.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each format parsed from files compressed each way, by the rules of the traces' README. */
class TraceReaderTest {
  @TempDir
  Path dir;

  private long[] keys(Path file, TraceFormat format) throws IOException {
    LongStream.Builder keys = LongStream.builder();
    try (InputStream in = Decompression.of(file).decode(Files.newInputStream(file))) {
      format.reader().read(in, keys::add);
    }
    return keys.build().toArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".zst", ".gz", ".xz"})
  void arcExpandsEachLineIntoItsBlocks(String extension) throws IOException {
    Path file = Traces.write(dir, "t.lis" + extension, Traces.ascii("10 3 0 0\n20 1 7 0\n10 1 0 5\n"));
    assertArrayEquals(new long[] {10, 11, 12, 20, 10}, keys(file, TraceFormat.ARC));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".zst", ".gz", ".xz"})
  void lirsTrimsAndSkipsEmptyLinesAndBreakpoints(String extension) throws IOException {
    Path file = Traces.write(dir, "t.trace" + extension, Traces.ascii("1\r\n 2 \r\n\r\n*\r\n1\r\n\n"));
    assertArrayEquals(new long[] {1, 2, 1}, keys(file, TraceFormat.LIRS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".zst", ".gz", ".xz"})
  void binary64ReadsBigEndianLongs(String extension) throws IOException {
    long[] expected = {5, -1, Long.MAX_VALUE, Long.MIN_VALUE, 0x0102030405060708L, 5};
    Path file = Traces.write(dir, "t.bin" + extension, Traces.longs(expected));
    assertArrayEquals(expected, keys(file, TraceFormat.BINARY64));
    byte[] raw = Traces.longs(0x0102030405060708L);
    assertEquals(1, raw[0], "big-endian: the most significant byte comes first");
  }

  @Test
  void binary64RejectsATruncatedKey() throws IOException {
    byte[] whole = Traces.longs(1, 2);
    byte[] truncated = java.util.Arrays.copyOf(whole, 11);
    Path file = Traces.write(dir, "t.bin", truncated);
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> keys(file, TraceFormat.BINARY64));
    assertTrue(e.getMessage().contains("3 trailing byte(s) after 1 keys"), e.getMessage());
  }

  @Test
  void malformedLinesNameTheirLineNumber() throws IOException {
    Path arc = Traces.write(dir, "bad.lis", Traces.ascii("1 1 0 0\nfoo bar 0 0\n"));
    TraceFormatException e = assertThrows(TraceFormatException.class, () -> keys(arc, TraceFormat.ARC));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    Path lirs = Traces.write(dir, "bad.trace", Traces.ascii("1\n2\nx\n"));
    e = assertThrows(TraceFormatException.class, () -> keys(lirs, TraceFormat.LIRS));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void compressionFollowsTheExtension() {
    assertEquals(Decompression.ZSTD, Decompression.of(Path.of("OLTP.lis.zst")));
    assertEquals(Decompression.GZIP, Decompression.of(Path.of("a/loop.trace.GZ")));
    assertEquals(Decompression.XZ, Decompression.of(Path.of("scarab-recs.trace.xz")));
    assertEquals(Decompression.NONE, Decompression.of(Path.of("OLTP.lis")));
  }

  @Test
  void formatsByName() {
    assertEquals(TraceFormat.BINARY64, TraceFormat.fromName("Binary64"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TraceFormat.fromName("lis"));
    assertTrue(e.getMessage().contains("'lis'"), e.getMessage());
  }
}
