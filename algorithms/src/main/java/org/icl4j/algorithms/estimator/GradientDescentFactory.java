package org.icl4j.algorithms.estimator;

import java.util.List;

import org.icl4j.algorithms.DeclaredFactory;
import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Estimator;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/** Creates {@link GradientDescent} estimators from specs named {@value #NAME}, e.g. {@code gd:lr=0.01,steps=4}. */
public final class GradientDescentFactory extends DeclaredFactory<Estimator> {

    /** The spec name. */
    public static final String NAME = "gd";

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("lr", "0.01", "the learning rate alpha, > 0"),
            new Parameter("steps", "1", "number of full-batch steps, >= 1"),
            new Parameter("lambda", "0", "the penalty lambda, >= 0"));

    /** The factory of {@value #NAME}. */
    public GradientDescentFactory() {
        super(NAME, "full-batch gradient descent from w = 0 on sum (w.x - y)^2 + lambda |w|^2; one step gives w = 2 lr X^T y", PARAMETERS);
    }

    @Override
    protected Estimator build(Spec spec, CreationContext context) {
        double learningRate = ParameterChecks.greaterThan("lr", spec.doubleValue("lr", 0.01), 0.0);
        int steps = ParameterChecks.atLeast("steps", spec.intValue("steps", 1), 1);
        double lambda = ParameterChecks.atLeast("lambda", spec.doubleValue("lambda", 0.0), 0.0);
        return new GradientDescent(spec.toString(), learningRate, steps, lambda);
    }
}
