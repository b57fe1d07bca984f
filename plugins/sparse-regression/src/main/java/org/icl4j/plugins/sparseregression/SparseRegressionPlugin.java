package org.icl4j.plugins.sparseregression;

import java.util.Collection;
import java.util.List;

import org.icl4j.api.ComponentFactory;
import org.icl4j.api.Estimator;
import org.icl4j.api.Plugin;
import org.icl4j.api.Task;

/** Contributes the task {@code sparse} and the estimator {@code lasso}. */
public final class SparseRegressionPlugin implements Plugin {

    @Override
    public String name() {
        return "sparse-regression";
    }

    @Override
    public Collection<ComponentFactory<Task>> tasks() {
        return List.of(new SparseRegressionTaskFactory());
    }

    @Override
    public Collection<ComponentFactory<Estimator>> estimators() {
        return List.of(new SparseRegressionLassoFactory());
    }
}
