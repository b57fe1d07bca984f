package org.icl4j.algorithms.estimator;

import java.util.Arrays;

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
                Arrays.fill(s[t], i == j ? diagonal : 0.0);
            }
        }
    }

    /** Sets every element of {@code v} to 0. */
    static void clear(double[][] v) {
        for (double[] row : v) {
            Arrays.fill(row, 0.0);
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

    /**
     * @param packed a packed symmetric matrix
     * @param d its size
     * @return a view by full rows: {@code rows[i][j]} is the lane array of entry (i, j), shared with (j, i)
     */
    static double[][][] rows(double[][] packed, int d) {
        double[][][] rows = new double[d][d][];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = packed[offset(Math.min(i, j), Math.max(i, j), d)];
            }
        }
        return rows;
    }

    /**
     * {@code g = S x} for a symmetric S given by its {@link #rows} view. Two columns per pass halve the loads and
     * stores of the accumulator, which bound this loop.
     */
    static void symmetricMultiply(double[][][] rows, double[][] x, double[][] g, int d, int lanes) {
        for (int i = 0; i < d; i++) {
            double[][] row = rows[i];
            double[] gi = g[i];
            int j;
            if (d >= 2) {
                double[] a0 = row[0];
                double[] a1 = row[1];
                double[] x0 = x[0];
                double[] x1 = x[1];
                for (int e = 0; e < lanes; e++) {
                    gi[e] = a0[e] * x0[e] + a1[e] * x1[e];
                }
                j = 2;
            } else {
                double[] a0 = row[0];
                double[] x0 = x[0];
                for (int e = 0; e < lanes; e++) {
                    gi[e] = a0[e] * x0[e];
                }
                j = 1;
            }
            for (; j + 1 < d; j += 2) {
                double[] a0 = row[j];
                double[] a1 = row[j + 1];
                double[] x0 = x[j];
                double[] x1 = x[j + 1];
                for (int e = 0; e < lanes; e++) {
                    gi[e] += a0[e] * x0[e] + a1[e] * x1[e];
                }
            }
            if (j < d) {
                double[] a0 = row[j];
                double[] x0 = x[j];
                for (int e = 0; e < lanes; e++) {
                    gi[e] += a0[e] * x0[e];
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
        Arrays.fill(result, 0, lanes, base);
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
     * Recursive least squares (Sherman–Morrison) over pairs {@code start … pairs-1} of a block, in every lane:
     * with {@code g = Px} and {@code c = 1 + x·g}, each pair applies {@code w ← w + g (y − w·x)/c} and
     * {@code P ← P − g gᵀ/c}. On entry P and w hold the fit on pairs {@code 0 … start-1}, {@code x} holds input
     * {@code start} and its prediction is stored. Writes the predictions (and weights) of prefixes
     * {@code start+1 …} and leaves in w the fit on all pairs when {@code toEnd} is set; otherwise the last pair
     * is not consumed.
     */
    static void recursiveLeastSquares(Block block, float[] xs, float[] ys, int n, int d, int first, int lanes,
            int start, int pairs, float[] predictions, double[] weights, boolean toEnd) {
        double[][] p = block.p;
        double[][] w = block.w;
        double[] c = block.c;
        double[] error = block.error;
        double[] prediction = block.prediction;
        symmetricMultiply(block.pRows, block.x, block.g, d, lanes);
        for (int k = start; ; k++) {
            double[][] x = block.x;
            double[][] g = block.g;
            residual(ys, n, first, lanes, k, prediction, error);
            dot(x, g, 1.0, c, d, lanes);
            for (int e = 0; e < lanes; e++) {
                c[e] = 1.0 / c[e];
                error[e] *= c[e];
            }
            addScaled(w, error, g, d, lanes);
            if (k == pairs - 1) {
                return;
            }
            double[][] next = block.spareX;
            loadInput(xs, n, d, first, lanes, k + 1, next, w, prediction);
            store(n, d, first, lanes, k + 1, w, prediction, predictions, weights);
            if (!toEnd && k + 1 == pairs - 1) {
                return;
            }
            double[][] product = block.product;
            updateAndMultiply(p, block.pRows, g, c, next, block.scaled, product, d, lanes);
            block.spareX = x;
            block.x = next;
            block.product = g;
            block.g = product;
        }
    }

    /**
     * {@code P ← P − g gᵀ c} (c already inverted), then {@code out = P x}. Two passes over P: a single fused pass
     * stores to three arrays per inner loop, which the JIT vectorises less reliably.
     */
    static void updateAndMultiply(double[][] p, double[][][] rows, double[][] g, double[] c, double[][] x,
            double[][] scaled, double[][] out, int d, int lanes) {
        for (int i = 0; i < d; i++) {
            double[] gi = g[i];
            double[] si = scaled[i];
            for (int e = 0; e < lanes; e++) {
                si[e] = gi[e] * c[e];
            }
        }
        // Only the upper triangle is stored, so P is symmetric by construction whatever the rounding.
        int t = 0;
        for (int i = 0; i < d; i++) {
            double[] si = scaled[i];
            for (int j = i; j < d; j++) {
                double[] gj = g[j];
                double[] entry = p[t++];
                for (int e = 0; e < lanes; e++) {
                    entry[e] -= si[e] * gj[e];
                }
            }
        }
        symmetricMultiply(rows, x, out, d, lanes);
    }

    /** The per-lane state of one block, allocated once per chunk of episodes. */
    static final class Block {
        final double[][] p;
        final double[][][] pRows;
        final double[][] w;
        double[][] x;
        double[][] spareX;
        double[][] g;
        double[][] product;
        final double[][] scaled;
        final double[] prediction;
        final double[] error;
        final double[] c;

        Block(int d, int lanes) {
            p = new double[packedSize(d)][lanes];
            pRows = rows(p, d);
            w = new double[d][lanes];
            x = new double[d][lanes];
            spareX = new double[d][lanes];
            g = new double[d][lanes];
            product = new double[d][lanes];
            scaled = new double[d][lanes];
            prediction = new double[lanes];
            error = new double[lanes];
            c = new double[lanes];
        }
    }
}
