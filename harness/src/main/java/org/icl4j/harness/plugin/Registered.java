package org.icl4j.harness.plugin;

import static java.util.Objects.requireNonNull;


/**
 * A contribution (a component factory or an engine provider) together with the plugin that contributed it.
 *
 * @param component the contribution
 * @param source the plugin it came from
 * @param <T> the contribution's type
 */
public record Registered<T>(T component, LoadedPlugin source) {

    /** Validates non-null fields. */
    public Registered {
        requireNonNull(component, "component is null");
        requireNonNull(source, "source is null");
    }
}
