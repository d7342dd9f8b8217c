package dev.atrium.tiers.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ReferenceKeeperTest {

  @Test
  void returnsTheOriginalWhileItIsAliveAndForgetsOnInvalidation() {
    ReferenceKeeper<String, Object> keeper = new ReferenceKeeper<>();
    Object value = new Object();
    keeper.keep("k", value);
    assertSame(value, keeper.original("k"));
    keeper.forget("k");
    assertNull(keeper.original("k"));
    java.lang.ref.Reference.reachabilityFence(value);
  }

  @Test
  void readsAloneShrinkTheMapOnceOriginalsAreCollected() throws InterruptedException {
    ReferenceKeeper<Integer, Object> keeper = new ReferenceKeeper<>();
    Object survivor = new Object();
    keeper.keep(-1, survivor);
    for (int i = 0; i < 1_000; i++) {
      keeper.keep(i, new byte[64]); // nobody else holds these
    }
    assertEquals(1_001, keeper.tracked());
    long deadline = System.nanoTime() + 20_000_000_000L;
    // no keep() from here on: only reads, as in a cache that serves from disk without writing
    while (keeper.tracked() > 1 && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(10);
      keeper.original(5);
    }
    assertEquals(1, keeper.tracked(), "collected originals purged by reads alone");
    assertSame(survivor, keeper.original(-1));
  }
}
