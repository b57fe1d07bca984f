package org.icl4j.api;

import java.util.List;

/**
 * Finds an {@link Engine} through {@link java.util.ServiceLoader} or a {@link Plugin}. Creating the engine is
 * deferred to {@link #getEngine()}, so listing engines loads no native libraries.
 *
 * <p>Device, thread and other runtime settings are engine options, written in an engine spec such as
 * {@code djl:device=cpu,threads=1} or {@code onnx:device=cuda:0}; they reach the engine through
 * {@link #getEngine(Spec)}, never through system properties. {@link #getEngineOptions()} lists them.
 */
public interface EngineProvider {

    /** @return the engine's name */
    String getEngineName();

    /** @return the engine's rank; the highest-ranked engine with a needed capability is the default */
    int getEngineRank();

    /** @return the engine with its default options, created on first use */
    Engine getEngine();

    /**
     * The options an engine spec may set, with their defaults, for listings and docs. Defaults to none.
     *
     * @return the options
     */
    default List<Parameter> getEngineOptions() {
        return List.of();
    }

    /**
     * The engine with the options of {@code spec} (its name is this engine's; its parameters are options from
     * {@link #getEngineOptions()}). Options a process can set only once (PyTorch's thread pool) are fixed by the
     * first engine that runs; the engine then refuses a different value with a message naming the one in force.
     * The default accepts a spec without options only.
     *
     * @param spec e.g. {@code djl:device=cpu,threads=1}
     * @return the engine
     * @throws IllegalArgumentException naming an unknown option or a bad value
     */
    default Engine getEngine(Spec spec) {
        spec.requireKnownParameters(getEngineOptions().stream().map(Parameter::name).toList());
        if (!spec.parameters().isEmpty()) {
            throw new IllegalArgumentException("engine '" + getEngineName() + "' does not apply options "
                    + spec.parameters().keySet() + "; its provider lists them but does not override getEngine(Spec)");
        }
        return getEngine();
    }
}
