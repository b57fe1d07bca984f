package org.icl4j.algorithms.probe;

import org.icl4j.api.EpisodeBatch;

/**
 * The episode's true weights w (spec name {@value #NAME}), the same at every prefix: what a learner would know
 * only if it recognised the task. Needs episodes that carry their weights.
 */
public final class TrueWeightsTarget extends VectorTarget {

    /** The spec name. */
    public static final String NAME = "w";

    /** Creates the target named {@value #NAME}. */
    public TrueWeightsTarget() {
        super(NAME);
    }

    @Override
    public double[] prefixValues(EpisodeBatch episodes) {
        if (!episodes.hasWeights()) {
            throw new IllegalArgumentException("probe target '" + NAME + "' needs the episodes' true weights, but these "
                    + "episodes carry none; sample them from a task that knows w (e.g. linear) or drop target " + NAME);
        }
        int n = episodes.length();
        int d = episodes.dimension();
        double[] values = new double[episodes.batch() * n * d];
        for (int b = 0; b < episodes.batch(); b++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < d; j++) {
                    values[(b * n + k) * d + j] = episodes.ws()[b * d + j];
                }
            }
        }
        return values;
    }
}
