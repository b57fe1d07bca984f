package org.icl4j.plugins.taskdiversity;

import static java.util.Objects.requireNonNull;

import java.util.stream.IntStream;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.LinearEstimator;

/**
 * dMMSE, the Bayes predictor for weights drawn uniformly from a finite pool w₁ … w_M (Raventós et al., 2023):
 * given the context pairs 0 … k-1, the posterior over the members is
 * {@code p_m ∝ exp(−‖y − X w_m‖² / 2σ²)} and the prediction is the posterior mean {@code ŵ·x} with
 * {@code ŵ = Σ_m p_m w_m}. It is linear in the query, so it exposes ŵ as its prefix weights.
 *
 * <p>Stability: the residual sums of squares {@code r_m} are accumulated pair by pair, and the weights are formed
 * as {@code exp(−(r_m − r_min) / 2σ²)} (log-sum-exp with the largest log-weight subtracted), so the best member
 * always has weight 1 before normalisation and nothing overflows or divides by zero.
 *
 * <p>σ = 0 is the limit σ → 0: {@code exp(−(r_m − r_min)/2σ²)} tends to 1 for the members with the smallest
 * residual sum of squares and to 0 for all others, so the posterior is uniform over the members of smallest
 * residual (those that fit the context exactly, when any does; the nearest by residual otherwise). With k = 0
 * every member ties and ŵ is the pool mean, as it is for any σ.
 *
 * <p>Cost: O(M·d) per pair and episode.
 */
public final class TaskDiversityDmmse implements LinearEstimator {

    private final String name;
    private final float[] pool;
    private final int size;
    private final int dimension;
    private final double noise;

    /**
     * @param name display name, normally the spec string
     * @param task the pool task whose members form the prior
     * @param noise the likelihood's σ, at least 0 (0 is the limit σ → 0)
     */
    public TaskDiversityDmmse(String name, TaskDiversityPoolTask task, double noise) {
        this(name, requireNonNull(task, "task is null").pool(), task.dimension(), noise);
    }

    /**
     * @param name display name
     * @param pool the members, [M, d], read but not copied
     * @param dimension d
     * @param noise the likelihood's σ, at least 0
     */
    TaskDiversityDmmse(String name, float[] pool, int dimension, double noise) {
        this.name = requireNonNull(name, "name is null");
        this.pool = requireNonNull(pool, "pool is null");
        if (dimension < 1 || pool.length == 0 || pool.length % dimension != 0) {
            throw new IllegalArgumentException("pool must hold M >= 1 members of dimension " + dimension + ", found "
                    + pool.length + " values");
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise must be >= 0 and finite, found " + noise);
        }
        this.size = pool.length / dimension;
        this.dimension = dimension;
        this.noise = noise;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the likelihood's σ */
    public double noise() {
        return noise;
    }

    @Override
    public double[] prefixWeights(EpisodeBatch episodes) {
        requireNonNull(episodes, "episodes is null");
        if (episodes.dimension() != dimension) {
            throw new IllegalArgumentException(name + " has a pool of dimension " + dimension
                    + " but the episodes have dimension " + episodes.dimension());
        }
        int batch = episodes.batch();
        int n = episodes.length();
        double[] weights = new double[batch * n * dimension];
        IntStream episodesToFit = IntStream.range(0, batch);
        // Episodes are independent and each is computed the same way whichever thread runs it.
        if ((long) batch * n * size * dimension > 1_000_000) {
            episodesToFit = episodesToFit.parallel();
        }
        episodesToFit.forEach(b -> fitEpisode(episodes, b, weights));
        return weights;
    }

    private void fitEpisode(EpisodeBatch episodes, int b, double[] weights) {
        int d = dimension;
        int n = episodes.length();
        float[] xs = episodes.xs();
        float[] ys = episodes.ys();
        double[] residualSquares = new double[size];
        double scale = noise > 0 ? 1.0 / (2 * noise * noise) : 0;
        for (int k = 0; k < n; k++) {
            int row = episodes.xOffset(b, k);
            posteriorMean(residualSquares, scale, weights, (b * n + k) * d);
            if (k == n - 1) {
                break;
            }
            double y = ys[b * n + k];
            for (int m = 0; m < size; m++) {
                double residual = y;
                for (int j = 0; j < d; j++) {
                    residual -= (double) pool[m * d + j] * xs[row + j];
                }
                residualSquares[m] += residual * residual;
            }
        }
    }

    /**
     * Writes Σ_m p_m w_m to {@code out[offset …]}, with {@code p_m ∝ exp(−scale·(r_m − r_min))}, or, for σ = 0
     * ({@code scale} 0 stands for +∞), uniform over the members with r_m = r_min.
     */
    private void posteriorMean(double[] residualSquares, double scale, double[] out, int offset) {
        int d = dimension;
        double smallest = Double.POSITIVE_INFINITY;
        for (double r : residualSquares) {
            smallest = Math.min(smallest, r);
        }
        double total = 0;
        for (int m = 0; m < size; m++) {
            double excess = residualSquares[m] - smallest;
            double weight = noise > 0 ? Math.exp(-scale * excess) : excess == 0 ? 1 : 0;
            if (weight == 0) {
                continue;
            }
            total += weight;
            for (int j = 0; j < d; j++) {
                out[offset + j] += weight * pool[m * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            out[offset + j] /= total;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
