package org.icl4j.algorithms.metric;

import java.util.Arrays;

import org.icl4j.algorithms.EpisodeParallelism;
import org.icl4j.algorithms.MinimumNormSolution;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.ImplicitWeights;
import org.icl4j.api.LinearEstimator;
import org.icl4j.api.Rng;

/**
 * The weights an estimator implicitly uses after each prefix (docs/PAPER.md, Metrics: ILWD).
 *
 * <p>{@link #exact} reads a {@link LinearEstimator}'s own weights (R² = 1). {@link #byProbes} treats the estimator
 * as a black box: for every episode b and context length k it predicts m probe inputs x′ against the context of
 * pairs {@code 0 … k-1} (the same k pairs the exact weights at index k are fit on, so the two are aligned) and
 * fits ŵ by least squares on (x′, ŷ(x′)) without intercept; R² = 1 − SS_res/SS_tot with SS_tot taken about the
 * mean prediction (NaN when the predictions are constant). Probe inputs are drawn from N(0, I_d): for context
 * length k, {@code Rng.of(seed, k)} draws B·m·d standard Gaussians in [B, m, d] order, so every estimator of one
 * evaluation is probed on the same inputs.
 */
public final class ImplicitWeightsFit {

    /** Upper bound on the floats of one predictQueries call, so that probe batches stay small in memory. */
    private static final long QUERY_VALUES_PER_CALL = 1L << 22;

    private ImplicitWeightsFit() {
    }

    /**
     * @param estimator a linear estimator
     * @param episodes the episodes
     * @return its exact prefix weights, with R² = 1
     */
    public static ImplicitWeights exact(LinearEstimator estimator, EpisodeBatch episodes) {
        double[] weights = estimator.prefixWeights(episodes);
        double[] r2 = new double[episodes.batch() * episodes.length()];
        Arrays.fill(r2, 1.0);
        return new ImplicitWeights(episodes.batch(), episodes.length(), episodes.dimension(), weights, r2);
    }

    /**
     * Fits the implicit weights of any estimator through probe queries.
     *
     * @param estimator the estimator
     * @param episodes the episodes that supply the contexts
     * @param probes probe inputs per context m, at least d
     * @param seed the probe seed
     * @return the fitted weights and R² per prefix
     */
    public static ImplicitWeights byProbes(Estimator estimator, EpisodeBatch episodes, int probes, long seed) {
        int batch = episodes.batch();
        int n = episodes.length();
        int d = episodes.dimension();
        if (probes < d) {
            throw new IllegalArgumentException("probes must be >= the dimension d = " + d
                    + " for a least-squares fit of the implicit weights, found " + probes);
        }
        double[] weights = new double[batch * n * d];
        double[] r2 = new double[batch * n];
        for (int k = 0; k < n; k++) {
            int context = k;
            Rng random = Rng.of(seed, k);
            float[] queries = new float[batch * probes * d];
            for (int i = 0; i < queries.length; i++) {
                queries[i] = (float) random.nextGaussian();
            }
            float[] predictions = predictInChunks(estimator, episodes, context, queries, probes);
            EpisodeParallelism.forEachChunk(batch, (long) probes * d * d, (from, to) -> {
                double[] gram = new double[d * d];
                double[] moment = new double[d];
                for (int b = from; b < to; b++) {
                    fit(queries, predictions, b, probes, d, gram, moment, weights, (b * n + context) * d, r2,
                            b * n + context);
                }
            });
        }
        return new ImplicitWeights(batch, n, d, weights, r2);
    }

    private static float[] predictInChunks(Estimator estimator, EpisodeBatch episodes, int context, float[] queries,
            int probes) {
        int batch = episodes.batch();
        int d = episodes.dimension();
        long perEpisode = (long) probes * (context + 1) * d;
        int chunk = (int) Math.max(1, Math.min(batch, QUERY_VALUES_PER_CALL / perEpisode));
        if (chunk == batch) {
            return checked(estimator.predictQueries(episodes, context, queries, probes), batch * probes, estimator);
        }
        float[] predictions = new float[batch * probes];
        for (int from = 0; from < batch; from += chunk) {
            int to = Math.min(batch, from + chunk);
            float[] part = Arrays.copyOfRange(queries, from * probes * d, to * probes * d);
            float[] result = checked(estimator.predictQueries(episodes.slice(from, to), context, part, probes),
                    (to - from) * probes, estimator);
            System.arraycopy(result, 0, predictions, from * probes, result.length);
        }
        return predictions;
    }

    private static float[] checked(float[] predictions, int expected, Estimator estimator) {
        if (predictions.length != expected) {
            throw new IllegalStateException("estimator '" + estimator.name() + "' returned " + predictions.length
                    + " query predictions, expected " + expected);
        }
        return predictions;
    }

    /** Least squares of the probe predictions on the probe inputs, by Cholesky on the normal equations. */
    private static void fit(float[] queries, float[] predictions, int b, int probes, int d, double[] gram,
            double[] moment, double[] weights, int weightsOffset, double[] r2, int r2Index) {
        Arrays.fill(gram, 0.0);
        Arrays.fill(moment, 0.0);
        int base = b * probes;
        double mean = 0;
        for (int q = 0; q < probes; q++) {
            int row = (base + q) * d;
            double p = predictions[base + q];
            mean += p;
            for (int i = 0; i < d; i++) {
                double xi = queries[row + i];
                moment[i] += xi * p;
                for (int j = 0; j <= i; j++) {
                    gram[i * d + j] += xi * queries[row + j];
                }
            }
        }
        mean /= probes;
        if (!solveCholesky(gram, moment, d)) {
            // Numerically singular probe matrix: ŵ = Q⁺p.
            MinimumNormSolution.solve(queries, base * d, predictions, base, probes, d, moment);
        }
        System.arraycopy(moment, 0, weights, weightsOffset, d);
        double residual = 0;
        double total = 0;
        for (int q = 0; q < probes; q++) {
            int row = (base + q) * d;
            double fitted = 0;
            for (int j = 0; j < d; j++) {
                fitted += moment[j] * queries[row + j];
            }
            double p = predictions[base + q];
            residual += (p - fitted) * (p - fitted);
            total += (p - mean) * (p - mean);
        }
        r2[r2Index] = total == 0 ? Double.NaN : 1.0 - residual / total;
    }

    /**
     * Solves G w = m in place (w overwrites m) with G's lower triangle; false when G is not numerically positive
     * definite.
     */
    private static boolean solveCholesky(double[] g, double[] m, int d) {
        for (int j = 0; j < d; j++) {
            double diagonal = g[j * d + j];
            for (int t = 0; t < j; t++) {
                diagonal -= g[j * d + t] * g[j * d + t];
            }
            if (!(diagonal > 1e-12 * g[j * d + j])) {
                return false;
            }
            double root = Math.sqrt(diagonal);
            g[j * d + j] = root;
            for (int i = j + 1; i < d; i++) {
                double value = g[i * d + j];
                for (int t = 0; t < j; t++) {
                    value -= g[i * d + t] * g[j * d + t];
                }
                g[i * d + j] = value / root;
            }
        }
        for (int i = 0; i < d; i++) {
            double value = m[i];
            for (int t = 0; t < i; t++) {
                value -= g[i * d + t] * m[t];
            }
            m[i] = value / g[i * d + i];
        }
        for (int i = d - 1; i >= 0; i--) {
            double value = m[i];
            for (int t = i + 1; t < d; t++) {
                value -= g[t * d + i] * m[t];
            }
            m[i] = value / g[i * d + i];
        }
        return true;
    }
}
