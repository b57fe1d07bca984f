package org.icl4j.algorithms;

import java.util.Collection;
import java.util.List;

import org.icl4j.algorithms.estimator.Averaging;
import org.icl4j.algorithms.estimator.BayesRidgeRegressionFactory;
import org.icl4j.algorithms.estimator.GradientDescentFactory;
import org.icl4j.algorithms.estimator.LeastSquares;
import org.icl4j.algorithms.estimator.NearestNeighboursFactory;
import org.icl4j.algorithms.estimator.RidgeRegressionFactory;
import org.icl4j.algorithms.estimator.StochasticGradientDescentFactory;
import org.icl4j.algorithms.estimator.ZeroEstimator;
import org.icl4j.algorithms.metric.ImplicitFitRSquared;
import org.icl4j.algorithms.metric.ImplicitLinearWeightDistanceFactory;
import org.icl4j.algorithms.metric.MeanSquaredPredictionDifference;
import org.icl4j.algorithms.metric.SquaredError;
import org.icl4j.algorithms.metric.SquaredPredictionDifference;
import org.icl4j.algorithms.probe.LastPositionLinearProbe;
import org.icl4j.algorithms.probe.LeastSquaresTarget;
import org.icl4j.algorithms.probe.MomentTarget;
import org.icl4j.algorithms.probe.TrueWeightsTarget;
import org.icl4j.algorithms.task.GaussianLinearRegressionTaskFactory;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.Estimator;
import org.icl4j.api.Metric;
import org.icl4j.api.Plugin;
import org.icl4j.api.ProbeTarget;
import org.icl4j.api.ProbeTrainer;
import org.icl4j.api.Task;

/**
 * The built-in task, reference algorithms, metrics, probe targets and the closed-form probe, registered through
 * {@code META-INF/services/org.icl4j.api.Plugin} so the host discovers them like any plugin. Components without
 * parameters share one {@link ParameterlessFactory}; the others have a factory class of their own.
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
        return List.of(
                new ParameterlessFactory<>(LeastSquares.NAME,
                        "minimum-norm least squares w = pinv(X) y (ordinary least squares once k >= d)",
                        spec -> new LeastSquares(spec.toString())),
                new RidgeRegressionFactory(), new BayesRidgeRegressionFactory(), new GradientDescentFactory(),
                new StochasticGradientDescentFactory(), new NearestNeighboursFactory(),
                new ParameterlessFactory<>(Averaging.NAME, "averaging w = (1/k) sum y_i x_i",
                        spec -> new Averaging(spec.toString())),
                new ParameterlessFactory<>(ZeroEstimator.NAME, "predicts 0 for every input",
                        spec -> new ZeroEstimator(spec.toString())));
    }

    @Override
    public Collection<ComponentFactory<Metric>> metrics() {
        return List.of(
                new ParameterlessFactory<>(SquaredError.NAME,
                        "squared error against the true labels per k, divided by d", spec -> new SquaredError()),
                new ParameterlessFactory<>(SquaredPredictionDifference.NAME,
                        "squared prediction difference between two estimators per k, divided by d",
                        spec -> new SquaredPredictionDifference()),
                new ImplicitLinearWeightDistanceFactory(),
                new ParameterlessFactory<>(ImplicitFitRSquared.NAME,
                        "R^2 of the estimator's implicit linear fit per k (1 for linear estimators)",
                        spec -> new ImplicitFitRSquared()),
                new ParameterlessFactory<>(MeanSquaredPredictionDifference.NAME,
                        "SPD/d averaged over the underdetermined prefixes k < d (one value)",
                        spec -> new MeanSquaredPredictionDifference()));
    }

    @Override
    public Collection<ComponentFactory<ProbeTarget>> probeTargets() {
        return List.of(
                new ParameterlessFactory<>(MomentTarget.NAME, "moment vector X^T y of the first k pairs",
                        spec -> new MomentTarget()),
                new ParameterlessFactory<>(LeastSquaresTarget.NAME,
                        "minimum-norm least-squares weights pinv(X) y of the first k pairs",
                        spec -> new LeastSquaresTarget()),
                new ParameterlessFactory<>(TrueWeightsTarget.NAME, "the episode's true weights w",
                        spec -> new TrueWeightsTarget()));
    }

    @Override
    public Collection<ComponentFactory<ProbeTrainer>> probeTrainers() {
        return List.of(new ParameterlessFactory<>(LastPositionLinearProbe.NAME,
                "affine read-out of the state of token 2k - 1 (where the k-th label was read), by least squares",
                spec -> new LastPositionLinearProbe()));
    }
}
