package org.icl4j.algorithms.probe;

import org.icl4j.api.EpisodeBatch;

/**
 * The moment vector {@code Xᵀy = Σ_{i<k} y_i x_i} of the first k pairs (spec name {@value #NAME}), the quantity
 * gradient descent from zero and least squares both start from; the paper decodes it from about layer 7 of 16.
 */
public final class MomentTarget extends VectorTarget {

    /** The spec name. */
    public static final String NAME = "xty";

    /** Creates the target named {@value #NAME}. */
    public MomentTarget() {
        super(NAME);
    }

    @Override
    public double[] prefixValues(EpisodeBatch episodes) {
        int n = episodes.length();
        int d = episodes.dimension();
        double[] values = new double[episodes.batch() * n * d];
        for (int b = 0; b < episodes.batch(); b++) {
            int row = b * n * d;
            // Entry k sums pairs 0 … k-1: entry 0 stays zero, entry k adds pair k-1 to entry k-1.
            for (int k = 1; k < n; k++) {
                double y = episodes.y(b, k - 1);
                for (int j = 0; j < d; j++) {
                    values[row + k * d + j] = values[row + (k - 1) * d + j] + y * episodes.x(b, k - 1, j);
                }
            }
        }
        return values;
    }
}
