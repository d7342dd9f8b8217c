/**
 * The cache engine: tiers that know keys, values, weights and deadlines, and nothing of JCache.
 *
 * <p>{@code memory} holds the memory tier and its eviction policies, {@code disk} the disk tier,
 * {@code hybrid} the coordinator that joins them, {@code serde} the serializers. JSR-107 semantics
 * (expiry policies, listeners, loaders) are translated onto these tiers by {@code atrium-jcache};
 * the build forbids this module to depend on {@code javax.cache}.
 */
package dev.atrium.tiers;
