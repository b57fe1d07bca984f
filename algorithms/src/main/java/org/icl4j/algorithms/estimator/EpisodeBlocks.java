package org.icl4j.algorithms.estimator;

/**
 * Linear algebra on a block of episodes fit side by side. Each scalar quantity of the algorithm is one array
 * over the block's episodes ("lanes"): element i of a vector is {@code v[i][e]} for episode e, entry t of a packed
 * symmetric matrix is {@code s[t][e]}. Every inner loop therefore runs over episodes with unit stride on
 * separate arrays, which the JIT compiles to SIMD instructions. Symmetric d×d matrices are packed: their upper
 * triangle row by row, d(d+1)/2 entries.
 */
final class EpisodeBlocks {

    /** Episodes fit side by side. */
    static final int LANES = 64;

    private EpisodeBlocks() {
    }

    /** @return the number of entries of a packed symmetric d×d matrix */
    static int packedSize(int d) {
        return d * (d + 1) / 2;
    }

    /** Sets the packed symmetric {@code s} to {@code diagonal}·I in every lane. */
    static void setDiagonal(double[][] s, double diagonal, int d) {
        int t = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++, t++) {
                java.util.Arrays.fill(s[t], i == j ? diagonal : 0.0);
            }
        }
    }

    /** Sets every element of {@code v} to 0. */
    static void clear(double[][] v) {
        for (double[] row : v) {
            java.util.Arrays.fill(row, 0.0);
        }
    }

    /**
     * Loads input k of every episode of the block into {@code x} and writes {@code w·x} to {@code prediction}.
     */
    static void loadInput(float[] xs, int n, int d, int first, int lanes, int k, double[][] x, double[][] w,
            double[] prediction) {
        for (int e = 0; e < lanes; e++) {
            int row = ((first + e) * n + k) * d;
            double sum = 0;
            for (int j = 0; j < d; j++) {
                double value = xs[row + j];
                x[j][e] = value;
                sum += w[j][e] * value;
            }
            prediction[e] = sum;
        }
    }

    /** Writes the predictions and (when asked) weights of prefix k of the block's episodes. */
    static void store(int n, int d, int first, int lanes, int k, double[][] w, double[] prediction,
            float[] predictions, double[] weights) {
        if (predictions != null) {
            for (int e = 0; e < lanes; e++) {
                predictions[(first + e) * n + k] = (float) prediction[e];
            }
        }
        if (weights != null) {
            storeWeights(d, lanes, w, weights, first, n, k);
        }
    }

    /** Writes the block's weights to {@code target[((first+e)·n + k)·d …]}; with n = 1, k = 0 to {@code [(first+e)·d …]}. */
    static void storeWeights(int d, int lanes, double[][] w, double[] target, int first, int n, int k) {
        for (int e = 0; e < lanes; e++) {
            int offset = ((first + e) * n + k) * d;
            for (int j = 0; j < d; j++) {
                target[offset + j] = w[j][e];
            }
        }
    }

    /** {@code error[e] = y[first+e, k] − prediction[e]}. */
    static void residual(float[] ys, int n, int first, int lanes, int k, double[] prediction, double[] error) {
        for (int e = 0; e < lanes; e++) {
            error[e] = ys[(first + e) * n + k] - prediction[e];
        }
    }

    /** {@code g = S x} for the packed symmetric S. */
    static void symmetricMultiply(double[][] s, double[][] x, double[][] g, int d, int lanes) {
        int t = 0;
        for (int i = 0; i < d; i++) {
            double[] gi = g[i];
            double[] xi = x[i];
            double[] diagonal = s[t++];
            for (int e = 0; e < lanes; e++) {
                gi[e] = diagonal[e] * xi[e];
            }
            for (int j = 0; j < i; j++) {
                // Entry (j, i) of the upper triangle, at row j.
                double[] entry = s[offset(j, i, d)];
                double[] xj = x[j];
                for (int e = 0; e < lanes; e++) {
                    gi[e] += entry[e] * xj[e];
                }
            }
            for (int j = i + 1; j < d; j++) {
                double[] entry = s[t++];
                double[] xj = x[j];
                for (int e = 0; e < lanes; e++) {
                    gi[e] += entry[e] * xj[e];
                }
            }
        }
    }

    /** @return the packed index of entry (i, j), i ≤ j */
    static int offset(int i, int j, int d) {
        return i * d - i * (i - 1) / 2 + (j - i);
    }

    /** {@code result[e] = base + a[·][e]·b[·][e]}. */
    static void dot(double[][] a, double[][] b, double base, double[] result, int d, int lanes) {
        java.util.Arrays.fill(result, 0, lanes, base);
        for (int j = 0; j < d; j++) {
            double[] aj = a[j];
            double[] bj = b[j];
            for (int e = 0; e < lanes; e++) {
                result[e] += aj[e] * bj[e];
            }
        }
    }

    /** {@code w[·][e] += scale[e] · v[·][e]}. */
    static void addScaled(double[][] w, double[] scale, double[][] v, int d, int lanes) {
        for (int j = 0; j < d; j++) {
            double[] wj = w[j];
            double[] vj = v[j];
            for (int e = 0; e < lanes; e++) {
                wj[e] += scale[e] * vj[e];
            }
        }
    }

    /**
     * One Sherman–Morrison / recursive-least-squares step in every lane: with {@code g = Px} and
     * {@code c = 1 + x·g}, {@code w ← w + g·error/c} and {@code P ← P − g gᵀ/c}. {@code error} and {@code c} are
     * overwritten.
     */
    static void shermanMorrison(double[][] p, double[][] w, double[][] x, double[][] g, double[] c, double[] error,
            int d, int lanes) {
        symmetricMultiply(p, x, g, d, lanes);
        dot(x, g, 1.0, c, d, lanes);
        for (int e = 0; e < lanes; e++) {
            c[e] = 1.0 / c[e];
            error[e] *= c[e];
        }
        addScaled(w, error, g, d, lanes);
        int t = 0;
        for (int i = 0; i < d; i++) {
            double[] gi = g[i];
            for (int j = i; j < d; j++, t++) {
                double[] gj = g[j];
                double[] entry = p[t];
                for (int e = 0; e < lanes; e++) {
                    entry[e] -= gi[e] * gj[e] * c[e];
                }
            }
        }
    }
}
