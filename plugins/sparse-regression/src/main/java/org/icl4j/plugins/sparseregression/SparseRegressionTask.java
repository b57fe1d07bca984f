package org.icl4j.plugins.sparseregression;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.GaussianPrior;
import org.icl4j.api.Rng;
import org.icl4j.api.Task;

/**
 * s-sparse linear regression: every episode draws a support of s coordinates uniformly (without replacement),
 * gives them N(0, τ²) weights and the other d − s coordinates 0, then x ~ N(0, I_d) and {@code y = w·x + N(0, σ²)}.
 *
 * <p>Sampling is specified exactly: {@code sample} takes one {@code base = random.nextLong()} and draws episode b
 * from {@code Rng.of(base, b)}: the support by a partial Fisher–Yates shuffle of 0 … d-1 (for i = 0 … s-1, swap
 * position i with position {@code i + nextInt(d − i)}; the support is positions 0 … s-1 in that order), then s
 * Gaussians for the non-zero weights in support order, n·d Gaussians for the inputs (row-major), n Gaussians for
 * the noise. Weights and inputs are rounded to float; labels are computed in double from them, then rounded.
 */
public final class SparseRegressionTask implements Task {

    private final int dimension;
    private final int sparsity;
    private final double noise;
    private final double weightScale;

    /**
     * @param dimension input width d, at least 1
     * @param sparsity non-zero weights s, 1 … d
     * @param noise label noise σ, at least 0
     * @param weightScale τ, the standard deviation of the non-zero weights, greater than 0
     */
    public SparseRegressionTask(int dimension, int sparsity, double noise, double weightScale) {
        if (dimension < 1) {
            throw new IllegalArgumentException("d must be >= 1, found " + dimension);
        }
        if (sparsity < 1 || sparsity > dimension) {
            throw new IllegalArgumentException("s must be in 1 … d = " + dimension + ", found " + sparsity);
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise must be >= 0 and finite, found " + noise);
        }
        if (!(weightScale > 0) || !Double.isFinite(weightScale)) {
            throw new IllegalArgumentException("tau must be > 0 and finite, found " + weightScale);
        }
        this.dimension = dimension;
        this.sparsity = sparsity;
        this.noise = noise;
        this.weightScale = weightScale;
    }

    @Override
    public String name() {
        return SparseRegressionTaskFactory.NAME + ":d=" + dimension + ",s=" + sparsity + ",noise=" + noise
                + ",tau=" + weightScale;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** @return the number s of non-zero weights */
    public int sparsity() {
        return sparsity;
    }

    /** Present only for s = d, where every coordinate is N(0, τ²): the task is then the Gaussian linear task. */
    @Override
    public Optional<GaussianPrior> gaussianPrior() {
        return sparsity == dimension ? Optional.of(new GaussianPrior(noise, weightScale)) : Optional.empty();
    }

    @Override
    public EpisodeBatch sample(int batch, int length, Rng random) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, found " + batch);
        }
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, found " + length);
        }
        requireNonNull(random, "random is null");
        int d = dimension;
        if ((long) batch * length * d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch × length × d must fit in one array (at most "
                    + Integer.MAX_VALUE + " values), found " + ((long) batch * length * d));
        }
        long base = random.nextLong();
        float[] xs = new float[batch * length * d];
        float[] ys = new float[batch * length];
        float[] ws = new float[batch * d];
        int[] positions = new int[d];
        for (int b = 0; b < batch; b++) {
            Rng episode = Rng.of(base, b);
            for (int j = 0; j < d; j++) {
                positions[j] = j;
            }
            for (int i = 0; i < sparsity; i++) {
                int pick = i + episode.nextInt(d - i);
                int swap = positions[i];
                positions[i] = positions[pick];
                positions[pick] = swap;
            }
            for (int i = 0; i < sparsity; i++) {
                ws[b * d + positions[i]] = (float) (weightScale * episode.nextGaussian());
            }
            int xOffset = b * length * d;
            for (int i = 0; i < length * d; i++) {
                xs[xOffset + i] = (float) episode.nextGaussian();
            }
            for (int k = 0; k < length; k++) {
                double sum = 0;
                int row = xOffset + k * d;
                for (int j = 0; j < d; j++) {
                    sum += (double) ws[b * d + j] * xs[row + j];
                }
                ys[b * length + k] = (float) (sum + noise * episode.nextGaussian());
            }
        }
        return new EpisodeBatch(batch, length, d, xs, ys, ws, noise);
    }

    @Override
    public String toString() {
        return name();
    }
}
