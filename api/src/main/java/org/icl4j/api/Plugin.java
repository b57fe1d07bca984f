package org.icl4j.api;

import java.util.Collection;
import java.util.List;

/**
 * A bundle of contributions to icl4j, found by {@link java.util.ServiceLoader} on the class path or in the jars
 * of a plugins folder. Every method defaults to contributing nothing, so new kinds of contribution never
 * break existing plugins. Names must be unique across all plugins: duplicates fail at start-up.
 */
public interface Plugin {

    /** @return the plugin's name, shown in listings and error messages */
    default String name() {
        return getClass().getName();
    }

    /** @return task factories */
    default Collection<ComponentFactory<Task>> tasks() {
        return List.of();
    }

    /** @return estimator factories */
    default Collection<ComponentFactory<Estimator>> estimators() {
        return List.of();
    }

    /** @return metric factories */
    default Collection<ComponentFactory<Metric>> metrics() {
        return List.of();
    }

    /**
     * Targets for probing hidden states ({@link ProbeTarget}). Defaults to none, so plugins written before probing
     * existed keep working.
     *
     * @return probe target factories
     */
    default Collection<ComponentFactory<ProbeTarget>> probeTargets() {
        return List.of();
    }

    /**
     * Kinds of probe ({@link ProbeTrainer}), e.g. the paper's attention probe on an engine that trains, or a
     * closed-form linear read-out. The spec's parameters choose the training settings and the device. Defaults to
     * none.
     *
     * @return probe trainer factories
     */
    default Collection<ComponentFactory<ProbeTrainer>> probeTrainers() {
        return List.of();
    }

    /** @return engine providers */
    default Collection<EngineProvider> engines() {
        return List.of();
    }

    /** @return model exporters, by format (e.g. {@code onnx}) */
    default Collection<ModelExporter> exporters() {
        return List.of();
    }
}
