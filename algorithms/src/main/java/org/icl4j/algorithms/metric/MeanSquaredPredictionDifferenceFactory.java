package org.icl4j.algorithms.metric;

import java.util.List;

import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Metric;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/** Creates the {@link MeanSquaredPredictionDifference} metric from specs named {@value #NAME}. */
public final class MeanSquaredPredictionDifferenceFactory implements ComponentFactory<Metric> {

    /** The spec name. */
    public static final String NAME = "mspd";

    private static final List<Parameter> PARAMETERS = List.of();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "SPD/d averaged over the underdetermined prefixes k < d (one value)";
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Metric create(Spec spec, CreationContext context) {
        ParameterChecks.known(spec, PARAMETERS);
        return new MeanSquaredPredictionDifference();
    }
}
