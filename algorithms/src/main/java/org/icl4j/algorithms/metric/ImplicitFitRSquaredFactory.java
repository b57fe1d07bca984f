package org.icl4j.algorithms.metric;

import java.util.List;

import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Metric;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/** Creates the {@link ImplicitFitRSquared} metric from specs named {@value #NAME}. */
public final class ImplicitFitRSquaredFactory implements ComponentFactory<Metric> {

    /** The spec name. */
    public static final String NAME = "r2";

    private static final List<Parameter> PARAMETERS = List.of();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "R^2 of the estimator's implicit linear fit per k (1 for linear estimators)";
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Metric create(Spec spec, CreationContext context) {
        ParameterChecks.known(spec, PARAMETERS);
        return new ImplicitFitRSquared();
    }
}
