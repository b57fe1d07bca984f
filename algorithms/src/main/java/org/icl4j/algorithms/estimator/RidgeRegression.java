package org.icl4j.algorithms.estimator;

import org.icl4j.algorithms.ParameterChecks;

/**
 * Ridge regression, {@code w = (XᵀX + λI)⁻¹Xᵀy} (docs/PAPER.md, Reference algorithms: Ridge(λ)).
 *
 * <p>Prefixes are fit by recursive least squares: P = (XᵀX + λI)⁻¹ starts at I/λ and each pair applies the
 * Sherman–Morrison update {@code g = Px, w ← w + g (y − w·x)/(1 + x·g), P ← P − g gᵀ/(1 + x·g)}, O(d²) per pair
 * (the same rank-one inverse update the paper compiles into a transformer, Theorem 2). Only P's upper
 * triangle is stored, so it is exactly symmetric, and blocks of episodes are updated side by side in SIMD
 * lanes ({@link EpisodeBlocks}). With λ = 0 the ridge solution is the least-squares one, so λ = 0 is computed
 * by {@link LeastSquares}'s minimum-norm path.
 */
public final class RidgeRegression extends PrefixLinearEstimator {

    private final double lambda;
    private final LeastSquares leastSquares;

    /** @param lambda the penalty λ, at least 0 */
    public RidgeRegression(double lambda) {
        this(RidgeRegressionFactory.NAME + ":lambda=" + lambda, lambda);
    }

    /**
     * @param name display name, normally the spec string
     * @param lambda the penalty λ, at least 0
     */
    public RidgeRegression(String name, double lambda) {
        super(name);
        if (!Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite, found " + lambda);
        }
        this.lambda = ParameterChecks.atLeast("lambda", lambda, 0.0);
        this.leastSquares = lambda == 0 ? new LeastSquares(name) : null;
    }

    /** @return the penalty λ */
    public double lambda() {
        return lambda;
    }

    @Override
    long workPerPair(int d) {
        return 3L * d * d;
    }

    @Override
    void fitEpisodes(float[] xs, float[] ys, int n, int d, int from, int to, int pairs, float[] predictions,
            double[] weights, double[] end) {
        if (leastSquares != null) {
            leastSquares.fitEpisodes(xs, ys, n, d, from, to, pairs, predictions, weights, end);
            return;
        }
        int size = Math.min(EpisodeBlocks.LANES, to - from);
        EpisodeBlocks.Block block = new EpisodeBlocks.Block(d, size);
        for (int first = from; first < to; first += size) {
            int lanes = Math.min(size, to - first);
            EpisodeBlocks.setDiagonal(block.p, 1.0 / lambda, d);
            EpisodeBlocks.clear(block.w);
            if (pairs > 0) {
                EpisodeBlocks.loadInput(xs, n, d, first, lanes, 0, block.x, block.w, block.prediction);
                EpisodeBlocks.store(n, d, first, lanes, 0, block.w, block.prediction, predictions, weights);
                if (end != null || pairs > 1) {
                    EpisodeBlocks.recursiveLeastSquares(block, xs, ys, n, d, first, lanes, 0, pairs, predictions,
                            weights, end != null);
                }
            }
            if (end != null) {
                EpisodeBlocks.storeWeights(d, lanes, block.w, end, first, 1, 0);
            }
        }
    }
}
