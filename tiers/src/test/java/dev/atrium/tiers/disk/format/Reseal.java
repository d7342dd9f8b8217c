package dev.atrium.tiers.disk.format;

import java.util.zip.CRC32C;

/** For tests that build or alter record bytes by hand: writes the CRC32C a record would carry. */
public final class Reseal {
  private Reseal() {}

  /** Stores in {@code r}'s first four bytes the CRC32C of the rest (big-endian); returns {@code r}. */
  public static byte[] crc(byte[] r) {
    CRC32C crc = new CRC32C();
    crc.update(r, 4, r.length - 4);
    int c = (int) crc.getValue();
    r[0] = (byte) (c >>> 24);
    r[1] = (byte) (c >>> 16);
    r[2] = (byte) (c >>> 8);
    r[3] = (byte) c;
    return r;
  }
}
