package dev.atrium.bench.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InsertAnatomyTest {
  /** RocksDB's compaction table as {@code rocksdb.stats} prints it (a level and the sum). */
  private static final String STATS = "** Compaction Stats [sets] **\n"
      + "Level    Files   Size     Score Read(GB)  Rn(GB) Rnp1(GB) Write(GB) WPreComp(GB) "
      + "Wnew(GB) Moved(GB) W-Amp Rd(MB/s) Wr(MB/s) Comp(sec) CompMergeCPU(sec) Comp(cnt) "
      + "Avg(sec) KeyIn KeyDrop Rblob(GB) Wblob(GB)\n"
      + "---------------------------------------------------------------------------------\n"
      + "  L0      4/4      9.24 MB   0.0      0.0     0.0      0.0       1.2       1.2      "
      + "1.2       0.0   1.0      0.0    236.2      5.24              2.90       520    0.010   "
      + "2536K      0       0.0       0.0\n"
      + " Sum     37/12    78.71 MB   0.0      3.7     1.2      2.5       3.8       3.8      "
      + "1.3       0.0   3.2    229.6    234.4     16.67             11.01       661    0.025   "
      + "6286K  1135K       0.0       0.0\n";

  @Test
  void readsTheBytesWrittenAndTheCpuOfTheSumRowUnderTheirHeaders() {
    assertArrayEquals(new double[] {3.8, 11.01}, InsertAnatomy.compactionSum(STATS));
  }

  @Test
  void statsWithoutACompactionTableAreAnError() {
    assertThrows(IllegalStateException.class, () -> InsertAnatomy.compactionSum("no table"));
  }
}
