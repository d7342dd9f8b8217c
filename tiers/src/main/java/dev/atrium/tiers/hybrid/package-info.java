/**
 * The hybrid store: memory over disk, with promotion, invalidation, a bounded write queue with
 * admission, and single-flight disk reads. See {@link dev.atrium.tiers.hybrid.HybridStore}.
 */
package dev.atrium.tiers.hybrid;
