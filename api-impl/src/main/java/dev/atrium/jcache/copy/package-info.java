/** Store-by-value: the copies JCache requires, and which types need none. */
package dev.atrium.jcache.copy;
