package org.icl4j.cli.plugin;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.icl4j.api.Capability;
import org.icl4j.api.Engine;
import org.icl4j.api.EngineProvider;

/**
 * Every registered engine provider, by name. Engines are created only when selected, so listing engines loads no
 * native library.
 */
public final class Engines {

    private final Map<String, Registered<EngineProvider>> providers;

    /**
     * @param providers engine providers by engine name
     */
    @Inject
    public Engines(Map<String, Registered<EngineProvider>> providers) {
        this.providers = new TreeMap<>(providers);
    }

    /** @return every provider, highest rank first (ties by name) */
    public List<Registered<EngineProvider>> all() {
        List<Registered<EngineProvider>> all = new ArrayList<>(providers.values());
        all.sort(Comparator.comparingInt((Registered<EngineProvider> r) -> -r.component().getEngineRank())
                .thenComparing(r -> r.component().getEngineName()));
        return all;
    }

    /** @return the registered engine names, sorted */
    public List<String> names() {
        return List.copyOf(providers.keySet());
    }

    /**
     * Selects the engine to use for a job that needs {@code capability}.
     *
     * @param name the engine the user asked for, or empty for the highest-ranked engine that has the capability
     * @param capability what the job needs
     * @return the engine
     * @throws IllegalArgumentException for an unknown name (listing the known ones), an engine without the
     *     capability, or when no registered engine has it
     */
    public Engine select(Optional<String> name, Capability capability) {
        if (name.isPresent()) {
            Registered<EngineProvider> registered = providers.get(name.get());
            if (registered == null) {
                throw new IllegalArgumentException("unknown engine '" + name.get() + "'; " + knownEngines());
            }
            Engine engine = registered.component().getEngine();
            if (!engine.hasCapability(capability)) {
                throw new IllegalArgumentException("engine '" + name.get() + "' lacks the " + capability
                        + " capability (it has " + engine.capabilities() + "); " + withCapability(capability));
            }
            return engine;
        }
        for (Registered<EngineProvider> registered : all()) {
            Engine engine = registered.component().getEngine();
            if (engine.hasCapability(capability)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("no registered engine has the " + capability + " capability; "
                + knownEngines() + "; add an engine plugin jar with --plugins DIR");
    }

    private String withCapability(Capability capability) {
        List<String> names = new ArrayList<>();
        for (Registered<EngineProvider> registered : all()) {
            if (registered.component().getEngine().hasCapability(capability)) {
                names.add(registered.component().getEngineName());
            }
        }
        return names.isEmpty() ? "no registered engine has it" : "engines with it: " + String.join(", ", names);
    }

    private String knownEngines() {
        return providers.isEmpty() ? "no engines are registered" : "known engines: " + String.join(", ", providers.keySet());
    }
}
