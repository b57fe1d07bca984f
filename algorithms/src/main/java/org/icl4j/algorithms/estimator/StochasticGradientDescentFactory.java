package org.icl4j.algorithms.estimator;

import java.util.List;

import org.icl4j.algorithms.DeclaredFactory;
import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Estimator;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/** Creates {@link StochasticGradientDescent} estimators from specs named {@value #NAME}, e.g. {@code sgd:lr=0.03} or {@code sgd:lr=0.03,clip=20}. */
public final class StochasticGradientDescentFactory extends DeclaredFactory<Estimator> {

    /** The spec name. */
    public static final String NAME = "sgd";

    private static final String OFF = "off";

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("lr", "0.01", "the learning rate alpha, > 0"),
            new Parameter("lambda", "0", "the penalty lambda, >= 0"),
            new Parameter("clip", OFF, "clip each gradient component to [-clip, clip], > 0, or off (the authors clip at 20)"));

    /** The factory of {@value #NAME}. */
    public StochasticGradientDescentFactory() {
        super(NAME, "one online pass of SGD from w = 0: w <- w - 2 lr (x x^T w - y x + lambda w) per pair", PARAMETERS);
    }

    @Override
    protected Estimator build(Spec spec, CreationContext context) {
        double learningRate = ParameterChecks.greaterThan("lr", spec.doubleValue("lr", 0.01), 0.0);
        double lambda = ParameterChecks.atLeast("lambda", spec.doubleValue("lambda", 0.0), 0.0);
        return new StochasticGradientDescent(spec.toString(), learningRate, lambda, clip(spec));
    }

    private static double clip(Spec spec) {
        String value = spec.stringValue("clip", OFF);
        if (OFF.equalsIgnoreCase(value)) {
            return Double.POSITIVE_INFINITY;
        }
        double clip;
        try {
            clip = spec.doubleValue("clip", 0.0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("clip must be a number > 0 or off, found '" + value + "'", e);
        }
        return ParameterChecks.greaterThan("clip", clip, 0.0);
    }
}
