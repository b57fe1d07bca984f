package org.icl4j.algorithms;

import java.util.Collection;
import java.util.List;

import org.icl4j.algorithms.estimator.AveragingFactory;
import org.icl4j.algorithms.estimator.BayesRidgeRegressionFactory;
import org.icl4j.algorithms.estimator.GradientDescentFactory;
import org.icl4j.algorithms.estimator.LeastSquaresFactory;
import org.icl4j.algorithms.estimator.NearestNeighboursFactory;
import org.icl4j.algorithms.estimator.RidgeRegressionFactory;
import org.icl4j.algorithms.estimator.StochasticGradientDescentFactory;
import org.icl4j.algorithms.estimator.ZeroEstimatorFactory;
import org.icl4j.algorithms.metric.ImplicitFitRSquaredFactory;
import org.icl4j.algorithms.metric.ImplicitLinearWeightDistanceFactory;
import org.icl4j.algorithms.metric.MeanSquaredPredictionDifferenceFactory;
import org.icl4j.algorithms.metric.SquaredErrorFactory;
import org.icl4j.algorithms.metric.SquaredPredictionDifferenceFactory;
import org.icl4j.algorithms.task.GaussianLinearRegressionTaskFactory;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.Estimator;
import org.icl4j.api.Metric;
import org.icl4j.api.Plugin;
import org.icl4j.api.Task;

/**
 * The built-in task, reference algorithms and metrics, registered through
 * {@code META-INF/services/org.icl4j.api.Plugin} so the host discovers them like any plugin.
 */
public final class BuiltinPlugin implements Plugin {

    @Override
    public String name() {
        return "icl4j built-ins";
    }

    @Override
    public Collection<ComponentFactory<Task>> tasks() {
        return List.of(new GaussianLinearRegressionTaskFactory());
    }

    @Override
    public Collection<ComponentFactory<Estimator>> estimators() {
        return List.of(new LeastSquaresFactory(), new RidgeRegressionFactory(), new BayesRidgeRegressionFactory(),
                new GradientDescentFactory(), new StochasticGradientDescentFactory(), new NearestNeighboursFactory(),
                new AveragingFactory(), new ZeroEstimatorFactory());
    }

    @Override
    public Collection<ComponentFactory<Metric>> metrics() {
        return List.of(new SquaredErrorFactory(), new SquaredPredictionDifferenceFactory(),
                new ImplicitLinearWeightDistanceFactory(), new ImplicitFitRSquaredFactory(),
                new MeanSquaredPredictionDifferenceFactory());
    }
}
