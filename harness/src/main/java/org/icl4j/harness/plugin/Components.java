package org.icl4j.harness.plugin;

import java.util.Map;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.Estimator;
import org.icl4j.api.Metric;
import org.icl4j.api.Task;

/** Every registered task, estimator and metric factory, by name; creates components from spec strings. */
public final class Components {

    private final ComponentRegistry<Task> tasks;
    private final ComponentRegistry<Estimator> estimators;
    private final ComponentRegistry<Metric> metrics;

    /**
     * @param tasks task factories by name
     * @param estimators estimator factories by name
     * @param metrics metric factories by name
     */
    public Components(Map<String, Registered<ComponentFactory<Task>>> tasks,
                      Map<String, Registered<ComponentFactory<Estimator>>> estimators,
                      Map<String, Registered<ComponentFactory<Metric>>> metrics) {
        this.tasks = new ComponentRegistry<>("task", tasks);
        this.estimators = new ComponentRegistry<>("estimator", estimators);
        this.metrics = new ComponentRegistry<>("metric", metrics);
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
}
