package org.icl4j.plugins.secondorder;

import java.util.stream.IntStream;

import org.icl4j.api.EpisodeBatch;

/** Dense row-major double matrices for the small d×d (or k×k) systems of one context, and the per-episode driver. */
final class SecondOrderMatrices {

    private SecondOrderMatrices() {
    }

    /**
     * Adds pair {@code pair} of episode {@code b} to the running XᵀX and Xᵀy of the prefix.
     *
     * @param episodes the episodes
     * @param b the episode
     * @param pair the pair's index
     * @param gram XᵀX, d×d row-major, updated in place
     * @param moment Xᵀy, length d, updated in place
     */
    static void addPair(EpisodeBatch episodes, int b, int pair, double[] gram, double[] moment) {
        int d = episodes.dimension();
        int row = episodes.xOffset(b, pair);
        double y = episodes.y(b, pair);
        for (int i = 0; i < d; i++) {
            double xi = episodes.xs()[row + i];
            moment[i] += xi * y;
            for (int j = 0; j < d; j++) {
                gram[i * d + j] += xi * episodes.xs()[row + j];
            }
        }
    }

    /** {@code out = a b} for square matrices of the given size; {@code out} must not alias a or b. */
    static void multiply(double[] a, double[] b, double[] out, int size) {
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                double sum = 0;
                for (int l = 0; l < size; l++) {
                    sum += a[i * size + l] * b[l * size + j];
                }
                out[i * size + j] = sum;
            }
        }
    }

    /** {@code out = a v}. */
    static void multiplyVector(double[] a, double[] v, double[] out, int size) {
        for (int i = 0; i < size; i++) {
            double sum = 0;
            for (int l = 0; l < size; l++) {
                sum += a[i * size + l] * v[l];
            }
            out[i] = sum;
        }
    }

    /** @return the squared Frobenius norm */
    static double squaredNorm(double[] a, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += a[i] * a[i];
        }
        return sum;
    }

    /** Fits one episode's prefixes: for k = 1 … n-1, writes the weights fit on pairs 0 … k-1 to weights[b, k, :]. */
    interface EpisodeFit {
        void fit(EpisodeBatch episodes, int b, double[] weights);
    }

    /**
     * Runs {@code fit} for every episode into a fresh [B, n, d] array (prefix 0's weights stay 0), in parallel when
     * the work is large: episodes are independent and each is computed the same way whichever thread runs it.
     */
    static double[] prefixWeights(EpisodeBatch episodes, long workPerPrefix, EpisodeFit fit) {
        int batch = episodes.batch();
        int n = episodes.length();
        double[] weights = new double[batch * n * episodes.dimension()];
        IntStream all = IntStream.range(0, batch);
        if ((long) batch * n * workPerPrefix > 1_000_000) {
            all = all.parallel();
        }
        all.forEach(b -> fit.fit(episodes, b, weights));
        return weights;
    }
}
