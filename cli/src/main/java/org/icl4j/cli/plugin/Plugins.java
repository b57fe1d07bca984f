package org.icl4j.cli.plugin;

import jakarta.inject.Inject;
import java.util.List;

/** The plugins found at start-up, in discovery order. */
public final class Plugins {

    private final List<LoadedPlugin> plugins;

    /**
     * @param plugins the plugins
     */
    @Inject
    public Plugins(List<LoadedPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    /** @return the plugins in discovery order */
    public List<LoadedPlugin> all() {
        return plugins;
    }
}
