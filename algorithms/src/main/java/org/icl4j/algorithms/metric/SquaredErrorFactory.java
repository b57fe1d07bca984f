package org.icl4j.algorithms.metric;

import java.util.List;

import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Metric;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/** Creates the {@link SquaredError} metric from specs named {@value #NAME}. */
public final class SquaredErrorFactory implements ComponentFactory<Metric> {

    /** The spec name. */
    public static final String NAME = "squared-error";

    private static final List<Parameter> PARAMETERS = List.of();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "squared error against the true labels per k, divided by d";
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Metric create(Spec spec, CreationContext context) {
        ParameterChecks.known(spec, PARAMETERS);
        return new SquaredError();
    }
}
