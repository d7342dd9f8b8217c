/** JSR-107 management: the statistics and configuration MXBeans, and their JMX registration. */
package dev.atrium.jcache.management;
