package org.icl4j.testkit;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Rng;

/** Small builders of episodes and EJML reference solutions for tests. */
public final class TestEpisodes {

    private TestEpisodes() {
    }

    /**
     * One episode from explicit rows.
     *
     * @param xs inputs, one row per pair
     * @param ys labels
     * @return a batch of one episode
     */
    public static EpisodeBatch single(double[][] xs, double[] ys) {
        int n = xs.length;
        int d = xs[0].length;
        float[] x = new float[n * d];
        float[] y = new float[n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < d; j++) {
                x[k * d + j] = (float) xs[k][j];
            }
            y[k] = (float) ys[k];
        }
        return EpisodeBatch.of(1, n, d, x, y);
    }

    /**
     * Gaussian episodes: x ~ N(0, I), y = w·x + noise·N(0, 1), w ~ N(0, I).
     *
     * @param batch episodes
     * @param n pairs
     * @param d dimension
     * @param noise label noise
     * @param seed seed
     * @return the episodes
     */
    public static EpisodeBatch gaussian(int batch, int n, int d, double noise, long seed) {
        Rng random = new Rng(seed);
        float[] xs = new float[batch * n * d];
        float[] ys = new float[batch * n];
        double[] w = new double[d];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < d; j++) {
                w[j] = random.nextGaussian();
            }
            for (int k = 0; k < n; k++) {
                double y = noise * random.nextGaussian();
                for (int j = 0; j < d; j++) {
                    float x = (float) random.nextGaussian();
                    xs[(b * n + k) * d + j] = x;
                    y += w[j] * x;
                }
                ys[b * n + k] = (float) y;
            }
        }
        return EpisodeBatch.of(batch, n, d, xs, ys);
    }

    /**
     * The first {@code pairs} pairs of episode b as an EJML design matrix.
     *
     * @param episodes the episodes
     * @param b the episode
     * @param pairs rows
     * @return the design matrix [pairs, d]
     */
    public static DMatrixRMaj design(EpisodeBatch episodes, int b, int pairs) {
        int d = episodes.dimension();
        DMatrixRMaj x = new DMatrixRMaj(pairs, d);
        for (int i = 0; i < pairs; i++) {
            for (int j = 0; j < d; j++) {
                x.set(i, j, episodes.x(b, i, j));
            }
        }
        return x;
    }

    /**
     * @param episodes the episodes
     * @param b the episode
     * @param pairs rows
     * @return the labels [pairs, 1]
     */
    public static DMatrixRMaj labels(EpisodeBatch episodes, int b, int pairs) {
        DMatrixRMaj y = new DMatrixRMaj(pairs, 1);
        for (int i = 0; i < pairs; i++) {
            y.set(i, 0, episodes.y(b, i));
        }
        return y;
    }

    /**
     * Minimum-norm least squares on the first {@code pairs} pairs by EJML's SVD pseudo-inverse.
     *
     * @param episodes the episodes
     * @param b the episode
     * @param pairs context size, at least 1
     * @return w
     */
    public static double[] pseudoInverseSolution(EpisodeBatch episodes, int b, int pairs) {
        DMatrixRMaj x = design(episodes, b, pairs);
        DMatrixRMaj pinv = new DMatrixRMaj(episodes.dimension(), pairs);
        CommonOps_DDRM.pinv(x, pinv);
        DMatrixRMaj w = new DMatrixRMaj(episodes.dimension(), 1);
        CommonOps_DDRM.mult(pinv, labels(episodes, b, pairs), w);
        return w.data;
    }

    /**
     * Ridge on the first {@code pairs} pairs by EJML's dense solve of (XᵀX + λI) w = Xᵀy.
     *
     * @param episodes the episodes
     * @param b the episode
     * @param pairs context size
     * @param lambda λ &gt; 0
     * @return w
     */
    public static double[] ridgeSolution(EpisodeBatch episodes, int b, int pairs, double lambda) {
        int d = episodes.dimension();
        if (pairs == 0) {
            return new double[d];
        }
        DMatrixRMaj x = design(episodes, b, pairs);
        DMatrixRMaj gram = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(x, x, gram);
        for (int j = 0; j < d; j++) {
            gram.add(j, j, lambda);
        }
        DMatrixRMaj moment = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.multTransA(x, labels(episodes, b, pairs), moment);
        DMatrixRMaj w = new DMatrixRMaj(d, 1);
        if (!CommonOps_DDRM.solve(gram, moment, w)) {
            throw new IllegalStateException("singular ridge system");
        }
        return w.data;
    }

    /**
     * @param a a vector
     * @param b another
     * @return the largest absolute difference
     */
    public static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /**
     * @param a a vector
     * @return the largest absolute entry
     */
    public static double maxAbs(double[] a) {
        double max = 0;
        for (double value : a) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }

    /**
     * @param weights prefix weights [B, n, d]
     * @param episodes their episodes
     * @param b episode
     * @param k prefix
     * @return weights[b, k, :]
     */
    public static double[] at(double[] weights, EpisodeBatch episodes, int b, int k) {
        int d = episodes.dimension();
        int offset = (b * episodes.length() + k) * d;
        return Arrays.copyOfRange(weights, offset, offset + d);
    }
}
