package dev.atrium.tiers.disk.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where a key lives: the set its hash picks and its slot in that set, and the 8-byte RocksDB key
 * made of both.
 *
 * <table>
 *   <caption>slot key (format version 3, unchanged since 1)</caption>
 *   <tr><th>offset</th><th>width</th><th>field</th></tr>
 *   <tr><td>0</td><td>4</td><td>set number, big-endian (so a set is one contiguous key range)</td></tr>
 *   <tr><td>4</td><td>4</td><td>slot: the low 32 bits of the key's {@link XxHash64}</td></tr>
 * </table>
 * The set number is the top {@code setBits} bits of the hash, the slot its low 32 bits. Two keys
 * of one set with the same slot share one RocksDB key: the later write replaces the earlier, which
 * becomes a miss (the full key is checked), never a wrong value.
 */
public final class SlotKey {
  public static final int LENGTH = 8;
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private SlotKey() {}

  /** The set of {@code hash} among {@code 2^setBits} sets. */
  public static int set(long hash, int setBits) {
    return setBits == 0 ? 0 : (int) (hash >>> (64 - setBits));
  }

  /** The slot of {@code hash} inside its set. */
  public static int slot(long hash) {
    return (int) hash;
  }

  public static byte[] of(int set, int slot) {
    byte[] k = new byte[LENGTH];
    INT_BE.set(k, 0, set);
    INT_BE.set(k, 4, slot);
    return k;
  }

  /** Writes the slot key into {@code dst}, which it leaves positioned on its 8 bytes. */
  public static ByteBuffer of(int set, int slot, ByteBuffer dst) {
    return dst.clear().putInt(set).putInt(slot).flip();
  }

  /** The first key of {@code set}'s range. */
  public static byte[] first(int set) {
    return of(set, 0);
  }

  /** The first key after {@code set}'s range (exclusive upper bound). */
  public static byte[] end(int set) {
    return of(set + 1, 0);
  }

  public static int setOf(byte[] key) {
    return (int) INT_BE.get(key, 0);
  }

  public static int slotOf(byte[] key) {
    return (int) INT_BE.get(key, 4);
  }
}
