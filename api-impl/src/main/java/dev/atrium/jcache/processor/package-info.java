/** Entry processors: the mutable entry they see and how their outcome is applied atomically. */
package dev.atrium.jcache.processor;
