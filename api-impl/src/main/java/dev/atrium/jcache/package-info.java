/**
 * Atrium's JCache (JSR-107 1.1.1) provider. {@link dev.atrium.jcache.AtriumCache} translates each
 * JCache operation onto the memory tier; the sub-packages hold one JCache concern each:
 * {@code spi} (provider and manager), {@code configuration}, {@code expiry}, {@code event},
 * {@code integration} (loader and writer), {@code processor}, {@code management}, {@code copy}.
 */
package dev.atrium.jcache;
