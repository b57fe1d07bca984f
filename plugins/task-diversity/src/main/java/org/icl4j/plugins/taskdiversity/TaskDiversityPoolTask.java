package org.icl4j.plugins.taskdiversity;

import static java.util.Objects.requireNonNull;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Rng;
import org.icl4j.api.Task;

/**
 * Linear regression whose weights come from a finite pool: M vectors w₁ … w_M are drawn once from N(0, τ² I_d),
 * and every episode takes one of them uniformly at random, with x ~ N(0, I_d) and {@code y = w·x + N(0, σ²)}.
 * With M small the Bayes predictor is {@link TaskDiversityDmmse}; as M grows the pool approaches the Gaussian
 * prior, whose Bayes predictor is ridge with λ = σ²/τ².
 *
 * <p>Sampling is specified exactly: the pool is {@code new Rng(seed)}'s first M·d Gaussians times τ, member by
 * member, each rounded to float. {@code sample} takes one {@code base = random.nextLong()} and draws episode b
 * from {@code Rng.of(base, b)}: one {@code nextInt(M)} (the member), n·d Gaussians for the inputs (row-major),
 * n Gaussians for the noise. Labels are computed in double from the float inputs and weights, then rounded.
 *
 * <p>{@link #gaussianPrior()} is empty: the weights are uniform over the pool, not Gaussian.
 */
public final class TaskDiversityPoolTask implements Task {

    /** The largest pool, in stored values M·d (64 MiB of floats). */
    public static final long MAX_POOL_VALUES = 1L << 24;

    private final int size;
    private final long seed;
    private final int dimension;
    private final double noise;
    private final double weightScale;
    private final float[] pool;

    /**
     * @param size pool size M, at least 1, with M·d at most {@value #MAX_POOL_VALUES}
     * @param seed the seed of the pool
     * @param dimension input width d, at least 1
     * @param noise label noise σ, at least 0
     * @param weightScale τ, the standard deviation of every weight coordinate of the pool's prior, greater than 0
     */
    public TaskDiversityPoolTask(int size, long seed, int dimension, double noise, double weightScale) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, found " + size);
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("d must be >= 1, found " + dimension);
        }
        if ((long) size * dimension > MAX_POOL_VALUES) {
            throw new IllegalArgumentException("size * d must be at most " + MAX_POOL_VALUES + ", found " + size + " * "
                    + dimension + " = " + ((long) size * dimension));
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise must be >= 0 and finite, found " + noise);
        }
        if (!(weightScale > 0) || !Double.isFinite(weightScale)) {
            throw new IllegalArgumentException("tau must be > 0 and finite, found " + weightScale);
        }
        this.size = size;
        this.seed = seed;
        this.dimension = dimension;
        this.noise = noise;
        this.weightScale = weightScale;
        this.pool = new float[size * dimension];
        Rng random = new Rng(seed);
        for (int i = 0; i < pool.length; i++) {
            pool[i] = (float) (weightScale * random.nextGaussian());
        }
    }

    @Override
    public String name() {
        return TaskDiversityPoolTaskFactory.NAME + ":size=" + size + ",seed=" + seed + ",d=" + dimension
                + ",noise=" + noise + ",tau=" + weightScale;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** @return the pool size M */
    public int size() {
        return size;
    }

    /** @return label noise σ */
    public double noise() {
        return noise;
    }

    /** @return τ */
    public double weightScale() {
        return weightScale;
    }

    /**
     * @param m a member, 0 … M-1
     * @return a copy of w_m
     */
    public double[] member(int m) {
        if (m < 0 || m >= size) {
            throw new IllegalArgumentException("member must be in 0 … " + (size - 1) + ", found " + m);
        }
        double[] w = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            w[j] = pool[m * dimension + j];
        }
        return w;
    }

    /** @return the pool, [M, d], shared (not copied) with the estimators of this package, which only read it */
    float[] pool() {
        return pool;
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
        for (int b = 0; b < batch; b++) {
            Rng episode = Rng.of(base, b);
            int member = episode.nextInt(size);
            System.arraycopy(pool, member * d, ws, b * d, d);
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
