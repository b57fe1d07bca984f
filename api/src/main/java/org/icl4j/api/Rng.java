package org.icl4j.api;

/**
 * A small deterministic random number generator whose output is specified exactly, so that the same seed
 * yields the same episodes on every machine and JVM (and can be re-implemented in Python).
 *
 * <p>Algorithm: the state advances by the SplitMix64 increment {@code 0x9E3779B97F4A7C15} and each output is
 * the SplitMix64 finaliser of the new state. {@link #nextDouble()} takes the top 53 bits. Gaussians use the
 * Box–Muller transform with {@link StrictMath} (both values of a pair are used, cosine first).
 * {@link #split(long)} derives an independent stream from the current state and a stream number without
 * advancing this generator.
 *
 * <p>Not thread-safe: give each thread its own stream.
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    /**
     * Creates a generator from a seed.
     *
     * @param seed any value; equal seeds give equal streams
     */
    public Rng(long seed) {
        this.state = seed;
    }

    /**
     * A generator for stream {@code stream} of seed {@code seed}: {@code Rng.of(s, i)} and {@code Rng.of(s, j)}
     * are independent for {@code i != j}. Used, for example, to draw training step {@code i}'s tasks without
     * replaying steps {@code 0 … i-1}.
     *
     * @param seed the run's seed
     * @param stream the stream number
     * @return a new generator
     */
    public static Rng of(long seed, long stream) {
        return new Rng(mix(seed ^ mix(stream + GOLDEN_GAMMA)));
    }

    /** SplitMix64's finaliser (David Stafford's "Mix13" variant). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Returns the next 64 random bits.
     *
     * @return a uniformly distributed long
     */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /**
     * Returns a uniform double in [0, 1).
     *
     * @return the next double
     */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Returns a uniform int in [0, bound).
     *
     * @param bound the exclusive upper bound, at least 1
     * @return the next int
     */
    public int nextInt(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be >= 1, found " + bound);
        }
        return (int) Math.floor(nextDouble() * bound);
    }

    /**
     * Returns a standard normal variate (Box–Muller).
     *
     * @return the next Gaussian
     */
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u1 = 1.0 - nextDouble(); // in (0, 1], so the logarithm is finite
        double u2 = nextDouble();
        double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double angle = 2.0 * StrictMath.PI * u2;
        spareGaussian = radius * StrictMath.sin(angle);
        hasSpareGaussian = true;
        return radius * StrictMath.cos(angle);
    }

    /**
     * Derives an independent generator without advancing this one.
     *
     * @param stream the stream number
     * @return a new generator
     */
    public Rng split(long stream) {
        return of(state, stream);
    }
}
