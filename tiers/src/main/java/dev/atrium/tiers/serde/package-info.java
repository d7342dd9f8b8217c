/**
 * Serializers: how keys and values become bytes for the disk tier and for store-by-value copies.
 */
package dev.atrium.tiers.serde;
