/** Cache entry listeners: registration, filtering and delivery, synchronous and asynchronous. */
package dev.atrium.jcache.event;
