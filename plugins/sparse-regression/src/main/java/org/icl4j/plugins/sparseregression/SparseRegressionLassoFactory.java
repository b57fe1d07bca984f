package org.icl4j.plugins.sparseregression;

import java.util.List;

import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Estimator;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/** Creates {@link SparseRegressionLasso} estimators from specs named {@value #NAME}, e.g. {@code lasso:lambda=0.1}. */
public final class SparseRegressionLassoFactory implements ComponentFactory<Estimator> {

    /** The spec name. */
    public static final String NAME = "lasso";

    /** The most coordinate-descent sweeps a prefix may be given. */
    static final int MAX_ITERATIONS = 1_000_000;

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("lambda", "0.1", "the l1 penalty lambda on 1/2 |y - Xw|^2 + lambda |w|_1, > 0"),
            new Parameter("tol", "1e-9", "coordinate descent stops when no weight moved more than this in a sweep, > 0"),
            new Parameter("maxIterations", "1000", "the most sweeps per prefix, 1 ... " + MAX_ITERATIONS));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Lasso argmin 1/2 |y - Xw|^2 + lambda |w|_1 by coordinate descent warm-started from the previous prefix";
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Estimator create(Spec spec, CreationContext context) {
        spec.requireKnownParameters(PARAMETERS.stream().map(Parameter::name).toList());
        return new SparseRegressionLasso(spec.toString(), spec.doubleValue("lambda", 0.1), spec.doubleValue("tol", 1e-9),
                spec.intValue("maxIterations", 1000));
    }
}
