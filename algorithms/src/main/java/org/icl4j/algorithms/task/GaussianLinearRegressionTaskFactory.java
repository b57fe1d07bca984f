package org.icl4j.algorithms.task;

import java.util.List;

import org.icl4j.algorithms.DeclaredFactory;
import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;
import org.icl4j.api.Task;

/**
 * Creates {@link GaussianLinearRegressionTask}s from specs named {@value #NAME}, e.g.
 * {@code linear:d=8,noise=0.5,tau=1} or, for an out-of-distribution test where half the episodes draw x from
 * N(2.5, 1), {@code linear:d=8,x-mix=0.5,x-mix-shift=2.5,x-mix-scale=1}. {@code linear:w=ones} fixes every
 * episode's weights to all ones (the single-task control of the paper's probing study); it is the same task as
 * {@code w-shift=1,tau=0}, and its name is written that way.
 */
public final class GaussianLinearRegressionTaskFactory extends DeclaredFactory<Task> {

    /** The spec name. */
    public static final String NAME = "linear";

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("d", "8", "input dimension, >= 1"),
            new Parameter("noise", "0", "label noise standard deviation sigma, >= 0"),
            new Parameter("w", "gaussian", "weights: gaussian (drawn per episode as below) or ones (every episode's w is"
                    + " all ones, the probing control; excludes tau, w-shift and w-mix)"),
            new Parameter("tau", "1", "standard deviation tau of every weight coordinate, >= 0"),
            new Parameter("w-shift", "0", "mean of every weight coordinate"),
            new Parameter("x-scale", "1", "standard deviation of every input coordinate, >= 0"),
            new Parameter("x-shift", "0", "mean of every input coordinate"),
            new Parameter("x-mix", "0", "probability, per episode, of drawing the inputs from the second component, in [0, 1]"),
            new Parameter("x-mix-shift", "0", "mean of the inputs' second component"),
            new Parameter("x-mix-scale", "1", "standard deviation of the inputs' second component, >= 0"),
            new Parameter("w-mix", "0", "probability, per episode, of drawing the weights from the second component, in [0, 1]"),
            new Parameter("w-mix-shift", "0", "mean of the weights' second component"),
            new Parameter("w-mix-scale", "1", "standard deviation of the weights' second component, >= 0"));

    /** The factory of {@value #NAME}. */
    public GaussianLinearRegressionTaskFactory() {
        super(NAME, "Gaussian linear regression y = w.x + N(0, noise^2), x ~ N(x-shift, x-scale^2 I), w ~ N(w-shift, tau^2 I),"
                + " each optionally mixed per episode with a second Gaussian component", PARAMETERS);
    }

    @Override
    protected Task build(Spec spec, CreationContext context) {
        int d = ParameterChecks.atLeast("d", spec.intValue("d", 8), 1);
        double noise = ParameterChecks.atLeast("noise", spec.doubleValue("noise", 0.0), 0.0);
        double tau = ParameterChecks.atLeast("tau", spec.doubleValue("tau", 1.0), 0.0);
        double xScale = ParameterChecks.atLeast("x-scale", spec.doubleValue("x-scale", 1.0), 0.0);
        double xMix = ParameterChecks.between("x-mix", spec.doubleValue("x-mix", 0.0), 0.0, 1.0);
        double xMixScale = ParameterChecks.atLeast("x-mix-scale", spec.doubleValue("x-mix-scale", 1.0), 0.0);
        double wMix = ParameterChecks.between("w-mix", spec.doubleValue("w-mix", 0.0), 0.0, 1.0);
        double wMixScale = ParameterChecks.atLeast("w-mix-scale", spec.doubleValue("w-mix-scale", 1.0), 0.0);
        GaussianMixture inputs = new GaussianMixture(spec.doubleValue("x-shift", 0.0), xScale, xMix,
                spec.doubleValue("x-mix-shift", 0.0), xMixScale);
        GaussianMixture weights = fixedOnes(spec) ? GaussianMixture.of(1.0, 0.0)
                : new GaussianMixture(spec.doubleValue("w-shift", 0.0), tau, wMix,
                        spec.doubleValue("w-mix-shift", 0.0), wMixScale);
        return new GaussianLinearRegressionTask(d, noise, inputs, weights);
    }

    /** Whether the spec asks for w = all ones; such a spec sets no other weight parameter. */
    private static boolean fixedOnes(Spec spec) {
        String kind = spec.get("w").orElse("gaussian");
        switch (kind) {
            case "gaussian":
                return false;
            case "ones":
                for (String key : List.of("tau", "w-shift", "w-mix", "w-mix-shift", "w-mix-scale")) {
                    if (spec.get(key).isPresent()) {
                        throw new IllegalArgumentException("w=ones fixes every weight to 1, so " + key
                                + " does not apply; drop " + key + " or w=ones");
                    }
                }
                return true;
            default:
                throw new IllegalArgumentException("w must be gaussian or ones, found '" + kind + "'");
        }
    }
}
