/**
 * Configuration: Atrium's {@code CompleteConfiguration} subtype with the tier settings, and how a
 * JCache configuration becomes the shape of the tiers.
 */
package dev.atrium.jcache.configuration;
