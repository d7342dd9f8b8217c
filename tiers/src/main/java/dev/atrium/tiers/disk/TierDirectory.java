package dev.atrium.tiers.disk;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The tier's directory: its lock, its layout file and its "intact" marker.
 *
 * <pre>
 * directory/
 *   atrium.lock          held (OS file lock) while a tier has the directory open
 *   atrium-layout.properties   format version and set count the data was written with
 *   atrium.intact        present while no tombstone has been lost (see below)
 *   rocksdb/             the store
 * </pre>
 *
 * <p>One process per directory: the lock is an OS advisory lock, so a second opener, in this JVM
 * or another, gets an {@link IllegalStateException} naming the directory, before anything is
 * touched. The lock dies with the process, so a crash never leaves the directory locked.
 *
 * <p>The data is kept at open only if the tier is persistent, the layout matches and the intact
 * marker is there; otherwise it is wiped. The marker is deleted as soon as a tombstone or a
 * write that shadowed an older value could not be written: after that, the data on disk may
 * hold a value that must never come back, so the next opening starts empty.
 */
final class TierDirectory implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TierDirectory.class.getName());
  private static final String LOCK = "atrium.lock";
  private static final String LAYOUT = "atrium-layout.properties";
  private static final String INTACT = "atrium.intact";
  private static final String DATA = "rocksdb";

  private final Path root;
  private final FileChannel channel;
  private final FileLock lock;

  private TierDirectory(Path root, FileChannel channel, FileLock lock) {
    this.root = root;
    this.channel = channel;
    this.lock = lock;
  }

  /** Locks {@code root}, creating it if needed; throws if another tier holds it. */
  static TierDirectory lock(Path root) {
    try {
      Files.createDirectories(root);
      FileChannel channel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException("disk tier directory " + root
            + " is already in use by another disk tier (this process or another one holds "
            + root.resolve(LOCK) + ")");
      }
      return new TierDirectory(root, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock disk tier directory " + root, e);
    }
  }

  Path data() {
    return root.resolve(DATA);
  }

  /**
   * Keeps the data if it can be trusted with {@code layout}, wipes it otherwise; returns whether
   * it was kept. Persistent data that is wiped is logged with the reason (another layout, such as
   * records of an older format version, or a missing intact marker), so that an upgrade that
   * starts empty says why.
   */
  boolean prepare(boolean persistent, String layout) {
    boolean keep = false;
    if (persistent && Files.isDirectory(data())) {
      String written = readLayout();
      if (!layout.equals(written)) {
        LOG.log(System.Logger.Level.WARNING, "disk tier {0}: its data was written with layout"
            + " \"{1}\" and this version reads only \"{2}\": starting empty", root, written,
            layout);
      } else if (!Files.exists(root.resolve(INTACT))) {
        LOG.log(System.Logger.Level.WARNING, "disk tier {0}: its data is not marked intact (a"
            + " write that shadowed an older value was lost): starting empty", root);
      } else {
        keep = true;
      }
    }
    if (!keep) {
      wipe();
    }
    writeLayout(layout);
    return keep;
  }

  /** Declares the data trustworthy (after it has been opened and checked). */
  void markIntact() {
    try {
      Files.write(root.resolve(INTACT), new byte[0]);
    } catch (IOException e) {
      // without the marker the next opening starts empty: safe
    }
  }

  /** Declares that the data may hold a value that must never be read again. */
  void markSuspect() {
    try {
      Files.deleteIfExists(root.resolve(INTACT));
    } catch (IOException e) {
      // the data stays marked intact; the in-memory poison still protects this opening
    }
  }

  void wipe() {
    try {
      Files.deleteIfExists(root.resolve(INTACT));
      Path data = data();
      if (Files.exists(data)) {
        try (Stream<Path> walk = Files.walk(data)) {
          for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot wipe " + data(), e);
    }
  }

  private String readLayout() {
    Path file = root.resolve(LAYOUT);
    if (!Files.exists(file)) {
      return null;
    }
    try (Reader reader = Files.newBufferedReader(file)) {
      Properties p = new Properties();
      p.load(reader);
      return p.getProperty("layout");
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private void writeLayout(String layout) {
    try (Writer writer = Files.newBufferedWriter(root.resolve(LAYOUT))) {
      Properties p = new Properties();
      p.setProperty("layout", layout);
      p.store(writer, "Atrium disk tier: data written with another layout is wiped at open");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + root.resolve(LAYOUT), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the lock goes with the channel or the process
    }
  }
}
