package dev.atrium.tiers.serde;

/**
 * Turns values of one type into bytes and back: how keys and values reach the disk tier, and how
 * store-by-value caches take their copies.
 *
 * <p>{@code deserialize(serialize(v))} must equal {@code v}. Implementations are thread-safe.
 * A failure is reported as {@link SerializationException}, never as a wrong value.
 */
public interface Serializer<T> {

  byte[] serialize(T value);

  T deserialize(byte[] bytes);
}
