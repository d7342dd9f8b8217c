package dev.atrium.tiers.serde;

/** A value could not be turned into bytes, or bytes into a value. */
public final class SerializationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SerializationException(String message, Throwable cause) {
    super(message, cause);
  }
}
