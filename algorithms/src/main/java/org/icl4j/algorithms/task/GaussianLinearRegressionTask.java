package org.icl4j.algorithms.task;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import org.icl4j.algorithms.EpisodeParallelism;
import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.GaussianPrior;
import org.icl4j.api.Rng;
import org.icl4j.api.Task;

/**
 * The paper's task (docs/PAPER.md, Tasks): each episode draws weights w, inputs x₀ … x_{n−1} and labels
 * {@code y_k = w·x_k + ε_k} with ε_k ~ N(0, σ²). By default x ~ N(0, I_d) and w ~ N(0, τ² I_d) with τ = 1; both
 * distributions take a shift, a scale and a per-episode mixture component ({@link GaussianMixture}).
 *
 * <p>Sampling is specified exactly, so any implementation of {@link Rng} reproduces it (docs/ALGORITHMS.md):
 * {@code sample} takes one {@code base = random.nextLong()} and draws episode {@code b} from its own stream
 * {@code Rng.of(base, b)}, in this order: one uniform (w's component: the mixture when it is {@code < w.mixture}),
 * d Gaussians for w, one uniform (x's component), n·d Gaussians for the inputs (row-major), n Gaussians for the
 * noise. Each value is {@code shift + scale·g} rounded to float; labels are computed in double from the
 * float-rounded x and w, then rounded to float. Every draw happens whatever the parameters, so streams keep
 * their layout when a parameter changes. Episodes use separate streams, so they are sampled in parallel.
 */
public final class GaussianLinearRegressionTask implements Task {

    private final int dimension;
    private final double noise;
    private final GaussianMixture inputs;
    private final GaussianMixture weights;

    /**
     * @param dimension input width d, at least 1
     * @param noise label noise σ, at least 0
     * @param inputs distribution of every x coordinate
     * @param weights distribution of every w coordinate (its scale is τ)
     */
    public GaussianLinearRegressionTask(int dimension, double noise, GaussianMixture inputs, GaussianMixture weights) {
        ParameterChecks.atLeast("d", dimension, 1);
        if (!Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise must be finite, found " + noise);
        }
        ParameterChecks.atLeast("noise", noise, 0.0);
        this.dimension = dimension;
        this.noise = noise;
        this.inputs = requireNonNull(inputs, "inputs is null");
        this.weights = requireNonNull(weights, "weights is null");
    }

    /**
     * The paper's default task: x ~ N(0, I), w ~ N(0, τ² I).
     *
     * @param dimension d
     * @param noise σ
     * @param weightScale τ
     * @return the task
     */
    public static GaussianLinearRegressionTask standard(int dimension, double noise, double weightScale) {
        return new GaussianLinearRegressionTask(dimension, noise, GaussianMixture.standard(),
                GaussianMixture.of(0.0, weightScale));
    }

    @Override
    public String name() {
        StringBuilder text = new StringBuilder("linear:d=").append(dimension)
                .append(",noise=").append(noise)
                .append(",tau=").append(weights.scale());
        append(text, "w-shift", weights.shift(), 0.0);
        append(text, "x-scale", inputs.scale(), 1.0);
        append(text, "x-shift", inputs.shift(), 0.0);
        if (inputs.isMixture()) {
            text.append(",x-mix=").append(inputs.mixture())
                    .append(",x-mix-shift=").append(inputs.mixtureShift())
                    .append(",x-mix-scale=").append(inputs.mixtureScale());
        }
        if (weights.isMixture()) {
            text.append(",w-mix=").append(weights.mixture())
                    .append(",w-mix-shift=").append(weights.mixtureShift())
                    .append(",w-mix-scale=").append(weights.mixtureScale());
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String key, double value, double defaultValue) {
        if (value != defaultValue) {
            text.append(',').append(key).append('=').append(value);
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** @return label noise σ */
    public double noise() {
        return noise;
    }

    /** @return the distribution of x's coordinates */
    public GaussianMixture inputs() {
        return inputs;
    }

    /** @return the distribution of w's coordinates */
    public GaussianMixture weights() {
        return weights;
    }

    /** Present only when w ~ N(0, τ² I) exactly: zero shift, no mixture and τ &gt; 0. */
    @Override
    public Optional<GaussianPrior> gaussianPrior() {
        if (weights.shift() != 0 || weights.isMixture() || weights.scale() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new GaussianPrior(noise, weights.scale()));
    }

    @Override
    public EpisodeBatch sample(int batch, int length, Rng random) {
        ParameterChecks.atLeast("batch", batch, 1);
        ParameterChecks.atLeast("length", length, 1);
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
        EpisodeParallelism.forEachChunk(batch, (long) length * d * 8, (from, to) -> {
            for (int b = from; b < to; b++) {
                sampleEpisode(Rng.of(base, b), b, length, xs, ys, ws);
            }
        });
        return new EpisodeBatch(batch, length, d, xs, ys, ws, noise);
    }

    private void sampleEpisode(Rng random, int b, int length, float[] xs, float[] ys, float[] ws) {
        int d = dimension;
        boolean wSecond = random.nextDouble() < weights.mixture();
        double wShift = wSecond ? weights.mixtureShift() : weights.shift();
        double wScale = wSecond ? weights.mixtureScale() : weights.scale();
        int wOffset = b * d;
        for (int j = 0; j < d; j++) {
            ws[wOffset + j] = (float) (wShift + wScale * random.nextGaussian());
        }
        boolean xSecond = random.nextDouble() < inputs.mixture();
        double xShift = xSecond ? inputs.mixtureShift() : inputs.shift();
        double xScale = xSecond ? inputs.mixtureScale() : inputs.scale();
        int xOffset = b * length * d;
        for (int i = 0; i < length * d; i++) {
            xs[xOffset + i] = (float) (xShift + xScale * random.nextGaussian());
        }
        for (int k = 0; k < length; k++) {
            double sum = 0;
            int row = xOffset + k * d;
            for (int j = 0; j < d; j++) {
                sum += (double) ws[wOffset + j] * xs[row + j];
            }
            ys[b * length + k] = (float) (sum + noise * random.nextGaussian());
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
