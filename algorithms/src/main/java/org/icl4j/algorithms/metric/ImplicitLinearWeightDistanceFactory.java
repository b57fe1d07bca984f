package org.icl4j.algorithms.metric;

import java.util.List;

import org.icl4j.algorithms.DeclaredFactory;
import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Metric;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/** Creates the {@link ImplicitLinearWeightDistance} metric from specs named {@value #NAME}. */
public final class ImplicitLinearWeightDistanceFactory extends DeclaredFactory<Metric> {

    /** The spec name. */
    public static final String NAME = "ilwd";

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("probes", "64", "probe inputs per context for the least-squares fit of non-linear estimators, >= d"));

    /** The factory of {@value #NAME}. */
    public ImplicitLinearWeightDistanceFactory() {
        super(NAME, "squared distance between two estimators' implicit linear weights per k, divided by d", PARAMETERS);
    }

    @Override
    protected Metric build(Spec spec, CreationContext context) {
        return new ImplicitLinearWeightDistance(ParameterChecks.atLeast("probes",
                spec.intValue("probes", DefaultEvaluation.DEFAULT_PROBES), 1));
    }
}
