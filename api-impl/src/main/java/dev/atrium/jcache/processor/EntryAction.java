package dev.atrium.jcache.processor;

/** What an entry processor left its entry to become, decided when it returns. */
public enum EntryAction {
  /** Nothing changed; {@link ProcessedEntry#wasRead()} says whether the value was read. */
  NONE,
  /** The value came from the loader through {@code getValue()} and was not changed afterwards. */
  LOADED,
  /** A value was set on an entry that did not exist. */
  CREATED,
  /** A value was set on an entry that existed. */
  UPDATED,
  /** The entry was removed; if it was absent, only the writer hears of it. */
  REMOVED
}
