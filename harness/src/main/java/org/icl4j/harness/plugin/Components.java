package org.icl4j.harness.plugin;

import java.util.Map;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.Estimator;
import org.icl4j.api.Metric;
import org.icl4j.api.ProbeTarget;
import org.icl4j.api.ProbeTrainer;
import org.icl4j.api.Task;

/**
 * Every registered task, estimator, metric, probe target and probe trainer factory, by name; creates components
 * from spec strings.
 */
public final class Components {

    private final ComponentRegistry<Task> tasks;
    private final ComponentRegistry<Estimator> estimators;
    private final ComponentRegistry<Metric> metrics;
    private final ComponentRegistry<ProbeTarget> probeTargets;
    private final ComponentRegistry<ProbeTrainer> probeTrainers;

    /**
     * @param tasks task factories by name
     * @param estimators estimator factories by name
     * @param metrics metric factories by name
     * @param probeTargets probe target factories by name
     * @param probeTrainers probe trainer factories by name
     */
    public Components(Map<String, Registered<ComponentFactory<Task>>> tasks,
                      Map<String, Registered<ComponentFactory<Estimator>>> estimators,
                      Map<String, Registered<ComponentFactory<Metric>>> metrics,
                      Map<String, Registered<ComponentFactory<ProbeTarget>>> probeTargets,
                      Map<String, Registered<ComponentFactory<ProbeTrainer>>> probeTrainers) {
        this.tasks = new ComponentRegistry<>("task", tasks);
        this.estimators = new ComponentRegistry<>("estimator", estimators);
        this.metrics = new ComponentRegistry<>("metric", metrics);
        this.probeTargets = new ComponentRegistry<>("probe target", probeTargets);
        this.probeTrainers = new ComponentRegistry<>("probe", probeTrainers);
    }

    /** @return the task factories */
    public ComponentRegistry<Task> tasks() {
        return tasks;
    }

    /** @return the estimator factories */
    public ComponentRegistry<Estimator> estimators() {
        return estimators;
    }

    /** @return the metric factories */
    public ComponentRegistry<Metric> metrics() {
        return metrics;
    }

    /** @return the probe target factories ({@code xty}, {@code w-ols}, {@code w} and plugins' own) */
    public ComponentRegistry<ProbeTarget> probeTargets() {
        return probeTargets;
    }

    /** @return the probe trainer factories (e.g. {@code attention-mlp}, {@code last-linear}) */
    public ComponentRegistry<ProbeTrainer> probeTrainers() {
        return probeTrainers;
    }
}
