package org.icl4j.harness.plugin;

import static java.util.Objects.requireNonNull;

import org.icl4j.api.Plugin;

/**
 * A plugin found at start-up, with where it came from, so that listings and error messages can name it.
 *
 * @param plugin the plugin instance
 * @param name the plugin's name ({@link Plugin#name()})
 * @param location where its class was loaded from: a jar path, a classes folder, or {@code class path}
 */
public record LoadedPlugin(Plugin plugin, String name, String location) {

    /** Validates non-null fields. */
    public LoadedPlugin {
        requireNonNull(plugin, "plugin is null");
        requireNonNull(name, "name is null");
        requireNonNull(location, "location is null");
    }

    /** @return e.g. {@code plugin 'org.icl4j.algorithms.BuiltinPlugin' (from /x/icl4j-algorithms.jar)} */
    @Override
    public String toString() {
        return "plugin '" + name + "' (from " + location + ")";
    }
}
