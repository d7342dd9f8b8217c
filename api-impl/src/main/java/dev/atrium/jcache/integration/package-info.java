/** Read-through and write-through: the cache's loader and writer, with the spec's failure rules. */
package dev.atrium.jcache.integration;
