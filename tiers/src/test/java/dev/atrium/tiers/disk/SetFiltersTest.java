package dev.atrium.tiers.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte counter of a set against a model of the set's records (slot to size, oldest first, one
 * record per slot as under a RocksDB key): the records never exceed the counter plus the credits
 * given to false positives (new keys the filter took for old ones), which never exceed the cap,
 * so a set trimmed when its counter passes the budget never holds more than budget + cap + one
 * record, and without false positives never more than its counter.
 */
class SetFiltersTest {
  private static final int SET = 3;

  /** One set's records, and the trims the tier would make of it. */
  private static final class ModelSet {
    final Map<Integer, Integer> records = new LinkedHashMap<>();
    final SetFilters filters;
    final int budget;
    long bytes;
    long peak;
    int trims;
    /** Credits given since the last trim to appends of slots the set did not hold. */
    long wrongCredits;

    ModelSet(SetFilters filters, int budget) {
      this.filters = filters;
      this.budget = budget;
    }

    void put(int slot, int size) {
      Integer old = records.remove(slot);
      bytes += size - (old == null ? 0 : old);
      records.put(slot, size);
      int credits = filters.credits(SET);
      filters.add(SET, slot, size, 64, KvStore.UNKNOWN);
      if (old == null) {
        wrongCredits += filters.credits(SET) - credits;
      }
      check();
    }

    void tombstone(int slot, int size) {
      Integer old = records.remove(slot);
      bytes += size - (old == null ? 0 : old);
      records.put(slot, size);
      filters.addBytes(SET, size);
      check();
    }

    private void check() {
      peak = Math.max(peak, bytes);
      assertTrue(wrongCredits <= filters.credits(SET));
      assertTrue(bytes <= (long) filters.bytes(SET) + wrongCredits,
          bytes + " bytes of records > counter " + filters.bytes(SET) + " + credits to false"
              + " positives " + wrongCredits);
      if (filters.bytes(SET) > budget) {
        trim((int) (budget * SetAssociativeDiskTier.FILL_TARGET));
      }
    }

    /** What the tier's trim does: keep the newest records within the target, rebuild. */
    void trim(int target) {
      trims++;
      List<Integer> slots = new ArrayList<>(records.keySet());
      long kept = bytes;
      for (int i = 0; kept > target; i++) {
        kept -= records.remove(slots.get(i));
      }
      bytes = kept;
      int[] keptSlots = records.keySet().stream().mapToInt(Integer::intValue).toArray();
      int smallest = records.values().stream().mapToInt(Integer::intValue).min()
          .orElse(Integer.MAX_VALUE);
      filters.rebuild(SET, keptSlots, keptSlots.length, 64, (int) kept, smallest);
      wrongCredits = 0;
      assertEquals(0, filters.credits(SET));
    }
  }

  @Test
  void recordsNeverExceedTheCounterPlusCreditsUnderARandomMix() {
    int budget = 64 << 10;
    int cap = budget / 2;
    Random random = new Random(42);
    for (int round = 0; round < 20; round++) {
      ModelSet set = new ModelSet(new SetFilters(8, 7, cap), budget);
      int hot = 1 + random.nextInt(200);
      for (int i = 0; i < 20_000; i++) {
        int size = 20 + random.nextInt(random.nextBoolean() ? 100 : 2_000);
        int op = random.nextInt(10);
        if (op < 6) {
          set.put(random.nextInt(hot), size); // overwrites, growing or shrinking
        } else if (op < 9) {
          set.put(random.nextInt(), size); // new keys, some of them false positives
        } else {
          set.tombstone(random.nextInt(hot), 25);
        }
        assertTrue(set.filters.credits(SET) <= cap);
      }
      assertTrue(set.peak <= budget + cap + 2_019L, "peak " + set.peak);
      assertTrue(set.trims > 0);
    }
  }

  @Test
  void falsePositivesCannotGrowASetPastBudgetPlusCap() {
    int budget = 16 << 10;
    int cap = budget / 2;
    ModelSet set = new ModelSet(new SetFilters(8, 7, cap), budget);
    Random random = new Random(7);
    for (int i = 0; i < 50; i++) {
      set.put(random.nextInt(), 40);
    }
    // the worst case: every new key is one the filter mistakes for a key it holds
    int falsePositives = 0;
    while (falsePositives < 20_000) {
      int slot = random.nextInt();
      if (set.filters.mayContain(SET, slot) && !set.records.containsKey(slot)) {
        set.put(slot, 40 + random.nextInt(2));
        falsePositives++;
      }
    }
    assertTrue(set.trims > 10);
    assertTrue(set.peak > budget + cap / 2, "false positives were credited: peak " + set.peak);
    assertTrue(set.peak <= budget + cap + 41L, "peak " + set.peak);
  }

  @Test
  void overwritesAreCreditedUpToTheCapThenCountedInFull() {
    int cap = 10_000;
    SetFilters filters = new SetFilters(8, 7, cap);
    int[] slots = {11, 22, 33, 44};
    filters.rebuild(SET, slots, slots.length, 100, 4 * 500, 500);
    for (int i = 0; i < 20; i++) {
      // same sizes: each frees what it adds
      filters.add(SET, slots[i % 4], 500, 100, KvStore.UNKNOWN);
      assertEquals(4 * 500, filters.bytes(SET));
      assertEquals((i + 1) * 500, filters.credits(SET));
    }
    filters.add(SET, slots[0], 500, 100, KvStore.UNKNOWN);
    assertEquals(4 * 500 + 500, filters.bytes(SET), "cap reached");
    assertEquals(cap, filters.credits(SET));

    filters.rebuild(SET, slots, slots.length, 100, 4 * 500, 500);
    // grows: only the smallest record is credited
    filters.add(SET, slots[1], 800, 100, KvStore.UNKNOWN);
    assertEquals(4 * 500 + 300, filters.bytes(SET));
    filters.addBytes(SET, 30); // a tombstone, in full, and now the smallest record
    filters.add(SET, slots[2], 800, 100, KvStore.UNKNOWN);
    assertEquals(4 * 500 + 300 + 30 + 770, filters.bytes(SET));
    filters.reset(SET);
    filters.add(SET, slots[3], 800, 100, KvStore.UNKNOWN);
    assertEquals(800, filters.bytes(SET), "a new filter: nothing to credit");
  }

  @Test
  void aKnownReplacementMovesTheCounterByTheDifferenceAndSpendsNoCredit() {
    int cap = 1_000;
    SetFilters filters = new SetFilters(8, 7, cap);
    int[] slots = {11, 22};
    filters.rebuild(SET, slots, slots.length, 100, 2 * 500, 500);
    for (int i = 0; i < 100; i++) { // far more than the cap would credit
      filters.add(SET, slots[0], 500, 100, 500);
    }
    assertEquals(2 * 500, filters.bytes(SET));
    assertEquals(0, filters.credits(SET));
    filters.add(SET, slots[0], 700, 100, 500); // grows by exactly 200
    assertEquals(2 * 500 + 200, filters.bytes(SET));
    filters.add(SET, slots[0], 100, 100, 700); // shrinks by exactly 600
    assertEquals(2 * 500 - 400, filters.bytes(SET));
    assertEquals(0, filters.credits(SET));
    filters.add(SET, slots[1], 500, 100, KvStore.UNKNOWN); // not known: credited as before
    assertEquals(100, filters.credits(SET));
  }
}
