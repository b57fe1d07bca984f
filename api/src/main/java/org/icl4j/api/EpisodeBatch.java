package org.icl4j.api;

import static java.util.Objects.requireNonNull;

/**
 * A batch of in-context regression episodes, stored as flat row-major float arrays so that engines can wrap
 * them without copies.
 *
 * <p>Episode {@code b} has {@code length} pairs {@code (x[b,k], y[b,k])}, {@code k = 0 … length-1}, with
 * {@code x[b,k]} of width {@code dimension}. When the episodes were sampled from a known linear task, {@code ws}
 * holds each episode's true weights and {@code noise} the label noise σ; otherwise {@code ws} is null and
 * {@code noise} is NaN.
 *
 * @param batch number of episodes B, at least 1
 * @param length pairs per episode n, at least 1
 * @param dimension input width d, at least 1
 * @param xs inputs, shape [B, n, d]
 * @param ys labels, shape [B, n]
 * @param ws true weights, shape [B, d], or null when unknown
 * @param noise label noise σ, or NaN when unknown
 */
public record EpisodeBatch(int batch, int length, int dimension, float[] xs, float[] ys, float[] ws, double noise) {

    /**
     * Validates shapes and values: every number must be finite.
     *
     * @param batch number of episodes B, at least 1
     * @param length pairs per episode n, at least 1
     * @param dimension input width d, at least 1
     * @param xs inputs, shape [B, n, d]
     * @param ys labels, shape [B, n]
     * @param ws true weights, shape [B, d], or null when unknown
     * @param noise label noise σ, or NaN when unknown
     */
    public EpisodeBatch {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, found " + batch);
        }
        if (length < 1) {
            throw new IllegalArgumentException("length (pairs per episode) must be >= 1, found " + length);
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, found " + dimension);
        }
        requireNonNull(xs, "xs is null");
        requireNonNull(ys, "ys is null");
        checkShape("xs", xs, (long) batch * length * dimension, "[" + batch + ", " + length + ", " + dimension + "]");
        checkShape("ys", ys, (long) batch * length, "[" + batch + ", " + length + "]");
        checkFinite("xs", xs);
        checkFinite("ys", ys);
        if (ws != null) {
            checkShape("ws", ws, (long) batch * dimension, "[" + batch + ", " + dimension + "]");
            checkFinite("ws", ws);
        }
        if (!Double.isNaN(noise) && !(noise >= 0 && Double.isFinite(noise))) {
            throw new IllegalArgumentException("noise must be >= 0 and finite (or NaN for unknown), found " + noise);
        }
    }

    /**
     * Episodes without known weights or noise.
     *
     * @param batch number of episodes
     * @param length pairs per episode
     * @param dimension input width
     * @param xs inputs [B, n, d]
     * @param ys labels [B, n]
     * @return the batch
     */
    public static EpisodeBatch of(int batch, int length, int dimension, float[] xs, float[] ys) {
        return new EpisodeBatch(batch, length, dimension, xs, ys, null, Double.NaN);
    }

    private static void checkShape(String name, float[] values, long expected, String shape) {
        if (values.length != expected) {
            throw new IllegalArgumentException(
                    name + " must have " + expected + " values for shape " + shape + ", found " + values.length);
        }
    }

    private static void checkFinite(String name, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        name + " must be finite, found " + values[i] + " at flat index " + i);
            }
        }
    }

    /** @return true when the true weights are known */
    public boolean hasWeights() {
        return ws != null;
    }

    /**
     * @param b episode
     * @param k pair
     * @return offset of {@code x[b,k,0]} in {@link #xs()}
     */
    public int xOffset(int b, int k) {
        return (b * length + k) * dimension;
    }

    /**
     * @param b episode
     * @param k pair
     * @param j feature
     * @return {@code x[b,k,j]}
     */
    public float x(int b, int k, int j) {
        return xs[xOffset(b, k) + j];
    }

    /**
     * @param b episode
     * @param k pair
     * @return {@code y[b,k]}
     */
    public float y(int b, int k) {
        return ys[b * length + k];
    }

    /**
     * Episodes {@code from … to-1} as a new batch (arrays are copied).
     *
     * @param from first episode, inclusive
     * @param to last episode, exclusive
     * @return the slice
     */
    public EpisodeBatch slice(int from, int to) {
        if (from < 0 || to > batch || from >= to) {
            throw new IllegalArgumentException(
                    "slice must satisfy 0 <= from < to <= " + batch + ", found from=" + from + ", to=" + to);
        }
        int count = to - from;
        float[] x = java.util.Arrays.copyOfRange(xs, from * length * dimension, to * length * dimension);
        float[] y = java.util.Arrays.copyOfRange(ys, from * length, to * length);
        float[] w = ws == null ? null : java.util.Arrays.copyOfRange(ws, from * dimension, to * dimension);
        return new EpisodeBatch(count, length, dimension, x, y, w, noise);
    }

    /**
     * The first {@code pairs} pairs of every episode as a new batch.
     *
     * @param pairs pairs to keep, 1 … length
     * @return the truncated batch
     */
    public EpisodeBatch truncate(int pairs) {
        if (pairs < 1 || pairs > length) {
            throw new IllegalArgumentException("pairs must be in 1 … " + length + ", found " + pairs);
        }
        float[] x = new float[batch * pairs * dimension];
        float[] y = new float[batch * pairs];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(xs, b * length * dimension, x, b * pairs * dimension, pairs * dimension);
            System.arraycopy(ys, b * length, y, b * pairs, pairs);
        }
        return new EpisodeBatch(batch, pairs, dimension, x, y, ws, noise);
    }
}
