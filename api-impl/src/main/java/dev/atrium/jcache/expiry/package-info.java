/** JCache expiry policies, translated into the deadlines the tiers keep. */
package dev.atrium.jcache.expiry;
