package org.icl4j.algorithms.metric;

import java.util.List;

import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.ComponentFactory;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Metric;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/** Creates the {@link ImplicitLinearWeightDistance} metric from specs named {@value #NAME}. */
public final class ImplicitLinearWeightDistanceFactory implements ComponentFactory<Metric> {

    /** The spec name. */
    public static final String NAME = "ilwd";

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("probes", "64", "probe inputs per context for the least-squares fit of non-linear estimators, >= d"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "squared distance between two estimators' implicit linear weights per k, divided by d";
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Metric create(Spec spec, CreationContext context) {
        ParameterChecks.known(spec, PARAMETERS);
        return new ImplicitLinearWeightDistance(ParameterChecks.atLeast("probes",
                spec.intValue("probes", DefaultEvaluation.DEFAULT_PROBES), 1));
    }
}
