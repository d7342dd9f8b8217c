package dev.atrium.tiers.disk;

import java.util.Iterator;

/** An iterator over the disk tier's live entries that holds native resources until closed. */
public interface DiskCursor extends Iterator<DiskEntry>, AutoCloseable {
  @Override
  void close();
}
