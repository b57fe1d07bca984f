package org.icl4j.algorithms.estimator;

import java.util.List;
import java.util.Optional;

import org.icl4j.algorithms.DeclaredFactory;
import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Estimator;
import org.icl4j.api.GaussianPrior;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;

/**
 * Creates {@link BayesRidgeRegression} estimators from specs named {@value #NAME}. σ and τ come from the task's
 * {@link Task#gaussianPrior()}; {@code noise=} and {@code tau=} override them, e.g. {@code bayes:noise=0.5,tau=1}
 * where the task has no Gaussian prior.
 */
public final class BayesRidgeRegressionFactory extends DeclaredFactory<Estimator> {

    /** The spec name. */
    public static final String NAME = "bayes";

    /** The parameter value (and default) that takes σ or τ from the task's prior. */
    private static final String FROM_TASK = "task";

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("noise", FROM_TASK, "label noise sigma, >= 0, or task for the task's"),
            new Parameter("tau", FROM_TASK, "weight prior standard deviation tau, > 0, or task for the task's"));

    /** The factory of {@value #NAME}. */
    public BayesRidgeRegressionFactory() {
        super(NAME, "Bayes-optimal predictor for w ~ N(0, tau^2 I): ridge with lambda = noise^2 / tau^2", PARAMETERS);
    }

    @Override
    protected Estimator build(Spec spec, CreationContext context) {
        Optional<GaussianPrior> prior = context.optionalTask().flatMap(Task::gaussianPrior);
        boolean hasNoise = spec.get("noise").filter(value -> !value.equals(FROM_TASK)).isPresent();
        boolean hasTau = spec.get("tau").filter(value -> !value.equals(FROM_TASK)).isPresent();
        if (prior.isEmpty() && !(hasNoise && hasTau)) {
            String why = context.optionalTask()
                    .map(task -> "task '" + task.name() + "' has no zero-mean isotropic Gaussian weight prior")
                    .orElse("there is no task");
            throw new IllegalArgumentException("bayes needs the noise sigma and prior scale tau, but " + why
                    + "; give both, e.g. bayes:noise=0.5,tau=1");
        }
        double noise = hasNoise
                ? ParameterChecks.atLeast("noise", number(spec, "noise", ">= 0"), 0.0)
                : prior.orElseThrow().noise();
        double tau = hasTau
                ? ParameterChecks.greaterThan("tau", number(spec, "tau", "> 0"), 0.0)
                : prior.orElseThrow().weightScale();
        return new BayesRidgeRegression(spec.toString(), new GaussianPrior(noise, tau));
    }

    private static double number(Spec spec, String key, String range) {
        try {
            return spec.doubleValue(key, 0.0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be a number " + range + " or " + FROM_TASK + ", found '"
                    + spec.get(key).orElse("") + "'", e);
        }
    }
}
