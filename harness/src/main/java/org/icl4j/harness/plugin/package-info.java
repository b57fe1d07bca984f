/**
 * Plugin discovery and wiring: {@link java.util.ServiceLoader} finds {@link org.icl4j.api.Plugin}s on the class
 * path and in a plugins folder; {@link org.icl4j.harness.plugin.Registry} registers their contributions by kind and
 * name (duplicates fail at start-up naming both plugins); {@link org.icl4j.harness.plugin.Components}
 * and {@link org.icl4j.harness.plugin.Engines} create components and select engines by name.
 */
package org.icl4j.harness.plugin;
