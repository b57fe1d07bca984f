package org.icl4j.harness.plugin;

import java.util.List;

/** The plugins found at start-up, in discovery order. */
public final class Plugins {

    private final List<LoadedPlugin> plugins;

    /**
     * @param plugins the plugins
     */
    public Plugins(List<LoadedPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    /** @return the plugins in discovery order */
    public List<LoadedPlugin> all() {
        return plugins;
    }
}
