package org.icl4j.plugins.sparseregression;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.LinearEstimator;

/**
 * The Lasso, {@code w = argmin ½‖y − Xw‖² + λ‖w‖₁} over the context (Tibshirani, 1996), by cyclic coordinate
 * descent: each sweep sets, for j = 0 … d-1, {@code w_j ← S(c_j − Σ_{i≠j} G_ji w_i, λ) / G_jj} with
 * G = XᵀX, c = Xᵀy and the soft threshold {@code S(z, λ) = sign(z)·max(|z| − λ, 0)} ({@code w_j = 0} when column j
 * is all zero). Sweeps stop when no coordinate moved by more than {@code tolerance} in a sweep, or after
 * {@code maxIterations} sweeps. The penalty is on the sum of squares, not the mean, so λ compares with ridge's.
 *
 * <p>Prefixes: G and c take one rank-one update per pair (O(d²)), and prefix k's descent starts from prefix
 * k−1's solution (warm start), so a prefix typically needs a few sweeps of O(d²). For λ &gt; 0 and inputs with a
 * continuous distribution the minimiser is unique also while k &lt; d (Tibshirani, 2013), so the result does not
 * depend on the start beyond the tolerance.
 */
public final class SparseRegressionLasso implements LinearEstimator {

    private final String name;
    private final double lambda;
    private final double tolerance;
    private final int maxIterations;
    private final boolean warmStart;

    /**
     * @param name display name, normally the spec string
     * @param lambda the penalty λ, greater than 0
     * @param tolerance the largest coordinate change of a sweep that ends the descent, greater than 0
     * @param maxIterations the most sweeps per prefix, at least 1
     */
    public SparseRegressionLasso(String name, double lambda, double tolerance, int maxIterations) {
        this(name, lambda, tolerance, maxIterations, true);
    }

    /** As the public constructor; {@code warmStart = false} starts every prefix from w = 0 (for tests). */
    SparseRegressionLasso(String name, double lambda, double tolerance, int maxIterations, boolean warmStart) {
        this.name = requireNonNull(name, "name is null");
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be > 0 and finite, found " + lambda);
        }
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tol must be > 0 and finite, found " + tolerance);
        }
        if (maxIterations < 1 || maxIterations > SparseRegressionLassoFactory.MAX_ITERATIONS) {
            throw new IllegalArgumentException("maxIterations must be in 1 … " + SparseRegressionLassoFactory.MAX_ITERATIONS
                    + ", found " + maxIterations);
        }
        this.lambda = lambda;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.warmStart = warmStart;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return λ */
    public double lambda() {
        return lambda;
    }

    @Override
    public double[] prefixWeights(EpisodeBatch episodes) {
        requireNonNull(episodes, "episodes is null");
        int batch = episodes.batch();
        int n = episodes.length();
        int d = episodes.dimension();
        double[] weights = new double[batch * n * d];
        IntStream episodesToFit = IntStream.range(0, batch);
        // Episodes are independent and each is computed the same way whichever thread runs it.
        if ((long) batch * n * d * d > 1_000_000) {
            episodesToFit = episodesToFit.parallel();
        }
        episodesToFit.forEach(b -> fitEpisode(episodes, b, weights));
        return weights;
    }

    private void fitEpisode(EpisodeBatch episodes, int b, double[] weights) {
        int n = episodes.length();
        int d = episodes.dimension();
        float[] xs = episodes.xs();
        double[] gram = new double[d * d];
        double[] moment = new double[d];
        double[] w = new double[d];
        for (int k = 1; k < n; k++) {
            int row = episodes.xOffset(b, k - 1);
            double y = episodes.y(b, k - 1);
            for (int i = 0; i < d; i++) {
                double xi = xs[row + i];
                moment[i] += xi * y;
                for (int j = 0; j < d; j++) {
                    gram[i * d + j] += xi * xs[row + j];
                }
            }
            if (!warmStart) {
                Arrays.fill(w, 0.0);
            }
            descend(gram, moment, w, d);
            System.arraycopy(w, 0, weights, (b * n + k) * d, d);
        }
    }

    private void descend(double[] gram, double[] moment, double[] w, int d) {
        for (int sweep = 0; sweep < maxIterations; sweep++) {
            double largestChange = 0;
            for (int j = 0; j < d; j++) {
                double diagonal = gram[j * d + j];
                double updated = 0;
                if (diagonal > 0) {
                    double partial = moment[j];
                    for (int i = 0; i < d; i++) {
                        if (i != j) {
                            partial -= gram[j * d + i] * w[i];
                        }
                    }
                    updated = Math.signum(partial) * Math.max(Math.abs(partial) - lambda, 0) / diagonal;
                }
                largestChange = Math.max(largestChange, Math.abs(updated - w[j]));
                w[j] = updated;
            }
            if (largestChange <= tolerance) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
