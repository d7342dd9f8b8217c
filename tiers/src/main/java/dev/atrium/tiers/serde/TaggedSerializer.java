package dev.atrium.tiers.serde;

import java.io.ObjectInputFilter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * The default serializer: one tag byte, then a compact encoding for the common immutable types
 * (String as UTF-8, byte[] as is, boxed primitives big-endian, UUID, BigInteger, BigDecimal) and
 * Java serialization, behind an {@link ObjectInputFilter}, for everything else.
 *
 * <p>The tag makes it safe for caches declared over {@code Object}: the bytes say what they hold.
 * The filter decides which classes bytes read back from disk may instantiate, so a corrupted or
 * planted file cannot make the cache build arbitrary objects (deserialization gadgets).
 *
 * <table>
 *   <caption>Encoding</caption>
 *   <tr><th>tag</th><th>type</th><th>payload</th></tr>
 *   <tr><td>1</td><td>String</td><td>UTF-8 bytes</td></tr>
 *   <tr><td>2</td><td>byte[]</td><td>the bytes</td></tr>
 *   <tr><td>3</td><td>Long</td><td>8 bytes</td></tr>
 *   <tr><td>4</td><td>Integer</td><td>4 bytes</td></tr>
 *   <tr><td>5</td><td>Short</td><td>2 bytes</td></tr>
 *   <tr><td>6</td><td>Byte</td><td>1 byte</td></tr>
 *   <tr><td>7</td><td>Double</td><td>8 bytes (IEEE 754 bits)</td></tr>
 *   <tr><td>8</td><td>Float</td><td>4 bytes</td></tr>
 *   <tr><td>9</td><td>Boolean</td><td>1 byte, 0 or 1</td></tr>
 *   <tr><td>10</td><td>Character</td><td>2 bytes</td></tr>
 *   <tr><td>11</td><td>UUID</td><td>16 bytes, most significant first</td></tr>
 *   <tr><td>12</td><td>BigInteger</td><td>two's-complement bytes</td></tr>
 *   <tr><td>13</td><td>BigDecimal</td><td>4-byte scale, then the unscaled BigInteger's bytes</td></tr>
 *   <tr><td>64</td><td>anything Serializable</td><td>a Java serialization stream</td></tr>
 * </table>
 */
public final class TaggedSerializer<T> implements Serializer<T> {
  private static final byte STRING = 1;
  private static final byte BYTES = 2;
  private static final byte LONG = 3;
  private static final byte INT = 4;
  private static final byte SHORT = 5;
  private static final byte BYTE = 6;
  private static final byte DOUBLE = 7;
  private static final byte FLOAT = 8;
  private static final byte BOOLEAN = 9;
  private static final byte CHAR = 10;
  private static final byte UUID_TAG = 11;
  private static final byte BIG_INTEGER = 12;
  private static final byte BIG_DECIMAL = 13;
  private static final byte JAVA = 64;

  private final JavaSerializer<Object> java;

  /**
   * @param classLoader resolves classes of Java-serialized values
   * @param filter which classes Java-serialized bytes may instantiate
   */
  public TaggedSerializer(ClassLoader classLoader, ObjectInputFilter filter) {
    this.java = JavaSerializer.filtered(classLoader, filter);
  }

  @Override
  public byte[] serialize(T value) {
    if (value instanceof String s) {
      return tagged(STRING, s.getBytes(StandardCharsets.UTF_8));
    } else if (value instanceof byte[] b) {
      return tagged(BYTES, b);
    } else if (value instanceof Long l) {
      return ByteBuffer.allocate(9).put(LONG).putLong(l).array();
    } else if (value instanceof Integer i) {
      return ByteBuffer.allocate(5).put(INT).putInt(i).array();
    } else if (value instanceof Short s) {
      return ByteBuffer.allocate(3).put(SHORT).putShort(s).array();
    } else if (value instanceof Byte b) {
      return new byte[] {BYTE, b};
    } else if (value instanceof Double d) {
      return ByteBuffer.allocate(9).put(DOUBLE).putDouble(d).array();
    } else if (value instanceof Float f) {
      return ByteBuffer.allocate(5).put(FLOAT).putFloat(f).array();
    } else if (value instanceof Boolean b) {
      return new byte[] {BOOLEAN, (byte) (b ? 1 : 0)};
    } else if (value instanceof Character c) {
      return ByteBuffer.allocate(3).put(CHAR).putChar(c).array();
    } else if (value instanceof UUID u) {
      return ByteBuffer.allocate(17).put(UUID_TAG)
          .putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    } else if (value instanceof BigInteger b) {
      return tagged(BIG_INTEGER, b.toByteArray());
    } else if (value instanceof BigDecimal d) {
      byte[] unscaled = d.unscaledValue().toByteArray();
      return ByteBuffer.allocate(5 + unscaled.length).put(BIG_DECIMAL).putInt(d.scale()).put(unscaled).array();
    }
    return tagged(JAVA, java.serialize(value));
  }

  private static byte[] tagged(byte tag, byte[] payload) {
    byte[] bytes = new byte[payload.length + 1];
    bytes[0] = tag;
    System.arraycopy(payload, 0, bytes, 1, payload.length);
    return bytes;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(byte[] bytes) {
    if (bytes.length == 0) {
      throw new SerializationException("no bytes: not a serialized value", null);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    try {
      Object value = switch (bytes[0]) {
        case STRING -> new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
        case BYTES -> Arrays.copyOfRange(bytes, 1, bytes.length);
        case LONG -> in.getLong();
        case INT -> in.getInt();
        case SHORT -> in.getShort();
        case BYTE -> in.get();
        case DOUBLE -> in.getDouble();
        case FLOAT -> in.getFloat();
        case BOOLEAN -> in.get() != 0;
        case CHAR -> in.getChar();
        case UUID_TAG -> new UUID(in.getLong(), in.getLong());
        case BIG_INTEGER -> new BigInteger(Arrays.copyOfRange(bytes, 1, bytes.length));
        case BIG_DECIMAL -> new BigDecimal(new BigInteger(Arrays.copyOfRange(bytes, 5, bytes.length)), in.getInt());
        case JAVA -> java.deserialize(Arrays.copyOfRange(bytes, 1, bytes.length));
        default -> throw new SerializationException("unknown tag " + bytes[0] + ": not a serialized value", null);
      };
      return (T) value;
    } catch (java.nio.BufferUnderflowException | NumberFormatException e) {
      throw new SerializationException("truncated or malformed bytes for tag " + bytes[0], e);
    }
  }
}
