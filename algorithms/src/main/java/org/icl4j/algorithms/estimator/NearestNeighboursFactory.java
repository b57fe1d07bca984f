package org.icl4j.algorithms.estimator;

import java.util.List;

import org.icl4j.algorithms.DeclaredFactory;
import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.CreationContext;
import org.icl4j.api.Estimator;
import org.icl4j.api.Parameter;
import org.icl4j.api.Spec;

/** Creates {@link NearestNeighbours} estimators from specs named {@value #NAME}, e.g. {@code knn:k=3,weights=inverse-square}. */
public final class NearestNeighboursFactory extends DeclaredFactory<Estimator> {

    /** The spec name. */
    public static final String NAME = "knn";

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("k", "3", "number of neighbours K, >= 1 (all pairs when the context has fewer)"),
            new Parameter("weights", "uniform", "uniform or inverse-square"));

    /** The factory of {@value #NAME}. */
    public NearestNeighboursFactory() {
        super(NAME, "k-nearest-neighbour regression over the context, uniform or inverse-squared-distance weights", PARAMETERS);
    }

    @Override
    protected Estimator build(Spec spec, CreationContext context) {
        int neighbours = ParameterChecks.atLeast("k", spec.intValue("k", 3), 1);
        NearestNeighbours.Weights weights = NearestNeighbours.Weights.parse(spec.stringValue("weights", "uniform"));
        return new NearestNeighbours(spec.toString(), neighbours, weights);
    }
}
