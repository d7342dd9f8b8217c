package dev.atrium.tiers.disk;

/** A failed storage operation, raised by a {@link KvStore} and never shown to a tier's caller. */
public class StoreException extends RuntimeException {
  private final boolean corruption;

  public StoreException(String message, Throwable cause, boolean corruption) {
    super(message, cause);
    this.corruption = corruption;
  }

  /** Whether the store found corrupt data (rather than failing to read or write). */
  public boolean corruption() {
    return corruption;
  }
}
