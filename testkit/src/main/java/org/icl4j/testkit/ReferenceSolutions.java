package org.icl4j.testkit;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.LinearEstimator;

/**
 * Reference solutions for plugin tests, computed independently of icl4j's own algorithms with EJML's dense
 * decompositions, one prefix at a time: minimum-norm least squares by the SVD pseudo-inverse
 * ({@link TestEpisodes#pseudoInverseSolution}) and ridge regression by a dense solve of (XᵀX + λI) w = Xᵀy
 * ({@link TestEpisodes#ridgeSolution}). They are slow (one decomposition per prefix and episode) and meant for
 * the small batches of unit tests, as the expected values that a plugin's learner is compared with.
 */
public final class ReferenceSolutions {

    private ReferenceSolutions() {
    }

    /**
     * @return minimum-norm least squares on pairs {@code 0 … k-1} for every prefix k (zero weights for k = 0)
     */
    public static LinearEstimator leastSquares() {
        return new Reference("reference-least-squares", Double.NaN);
    }

    /**
     * @param lambda the ridge penalty λ, greater than 0
     * @return ridge regression with penalty λ on pairs {@code 0 … k-1} for every prefix k (zero weights for k = 0)
     * @throws IllegalArgumentException when λ is not positive and finite
     */
    public static LinearEstimator ridge(double lambda) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be > 0 and finite, found " + lambda);
        }
        return new Reference("reference-ridge:lambda=" + lambda, lambda);
    }

    private record Reference(String name, double lambda) implements LinearEstimator {

        @Override
        public double[] prefixWeights(EpisodeBatch episodes) {
            int n = episodes.length();
            int d = episodes.dimension();
            double[] weights = new double[episodes.batch() * n * d];
            for (int b = 0; b < episodes.batch(); b++) {
                for (int k = 1; k < n; k++) {
                    double[] w = Double.isNaN(lambda) ? TestEpisodes.pseudoInverseSolution(episodes, b, k)
                            : TestEpisodes.ridgeSolution(episodes, b, k, lambda);
                    System.arraycopy(w, 0, weights, (b * n + k) * d, d);
                }
            }
            return weights;
        }
    }
}
