package org.icl4j.algorithms.estimator;

import java.util.List;

import org.icl4j.algorithms.DeclaredFactory;
import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Estimator;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/** Creates {@link RidgeRegression} estimators from specs named {@value #NAME}, e.g. {@code ridge:lambda=0.25}. */
public final class RidgeRegressionFactory extends DeclaredFactory<Estimator> {

    /** The spec name. */
    public static final String NAME = "ridge";

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("lambda", "0.1", "the penalty lambda, >= 0 (0 gives least squares)"));

    /** The factory of {@value #NAME}. */
    public RidgeRegressionFactory() {
        super(NAME, "ridge regression w = (X^T X + lambda I)^-1 X^T y", PARAMETERS);
    }

    @Override
    protected Estimator build(Spec spec, CreationContext context) {
        double lambda = ParameterChecks.atLeast("lambda", spec.doubleValue("lambda", 0.1), 0.0);
        return new RidgeRegression(spec.toString(), lambda);
    }
}
