/**
 * Plugin discovery and wiring: {@link java.util.ServiceLoader} finds {@link org.icl4j.api.Plugin}s on the class
 * path and in a plugins folder, where {@link org.icl4j.harness.plugin.PluginLoader} gives each plugin jar or plugin
 * folder its own class loader that shares only {@code org.icl4j.api} and the JDK with the host; {@link org.icl4j.harness.plugin.Registry} registers their contributions by kind and
 * name (duplicates fail at start-up naming both plugins); {@link org.icl4j.harness.plugin.Components}
 * and {@link org.icl4j.harness.plugin.Engines} create components and select engines by name.
 */
package org.icl4j.harness.plugin;
