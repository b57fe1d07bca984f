package org.icl4j.algorithms.probe;

import org.icl4j.algorithms.estimator.LeastSquares;
import org.icl4j.api.EpisodeBatch;

/**
 * The minimum-norm least-squares weights {@code w = X⁺y} of the first k pairs (spec name {@value #NAME}), as
 * {@link LeastSquares} fits them; the paper decodes them from about layer 12 of 16.
 */
public final class LeastSquaresTarget extends VectorTarget {

    /** The spec name. */
    public static final String NAME = "w-ols";

    /** Creates the target named {@value #NAME}. */
    public LeastSquaresTarget() {
        super(NAME);
    }

    @Override
    public double[] prefixValues(EpisodeBatch episodes) {
        return new LeastSquares().prefixWeights(episodes);
    }
}
