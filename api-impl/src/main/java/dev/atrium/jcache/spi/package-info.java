/** The JCache service provider: {@code CachingProvider} and {@code CacheManager}. */
package dev.atrium.jcache.spi;
