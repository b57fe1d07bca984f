package org.icl4j.algorithms.estimator;

import java.util.List;

import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Estimator;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/** Creates {@link Averaging} estimators from specs named {@value #NAME}. */
public final class AveragingFactory implements ComponentFactory<Estimator> {

    /** The spec name. */
    public static final String NAME = "averaging";

    private static final List<Parameter> PARAMETERS = List.of();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "averaging w = (1/k) sum y_i x_i";
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Estimator create(Spec spec, CreationContext context) {
        ParameterChecks.known(spec, PARAMETERS);
        return new Averaging(spec.toString());
    }
}
