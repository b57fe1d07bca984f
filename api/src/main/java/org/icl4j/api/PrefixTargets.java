package org.icl4j.api;

import static java.util.Objects.requireNonNull;

/**
 * A probe target's values for prefixes k = 1 … K of a set of episodes: what a probe is trained to predict.
 *
 * @param target the target's name
 * @param episodes episodes N, at least 1
 * @param prefixes K, at least 1
 * @param dimension values per episode and prefix, at least 1
 * @param values row-major, shape [N, K, dimension]: entry {@code [i, k-1, :]} belongs to prefix k
 */
public record PrefixTargets(String target, int episodes, int prefixes, int dimension, double[] values) {

    /**
     * Validates the shape and that every value is finite.
     *
     * @param target the target's name
     * @param episodes episodes N, at least 1
     * @param prefixes K, at least 1
     * @param dimension values per episode and prefix, at least 1
     * @param values row-major, shape [N, K, dimension]: entry {@code [i, k-1, :]} belongs to prefix k
     */
    public PrefixTargets {
        requireNonNull(target, "target is null");
        requireNonNull(values, "values is null");
        if (episodes < 1 || prefixes < 1 || dimension < 1 || values.length != (long) episodes * prefixes * dimension) {
            throw new IllegalArgumentException("values of target '" + target + "' of shape [" + episodes + ", "
                    + prefixes + ", " + dimension + "] need all sizes >= 1 and " + ((long) episodes * prefixes * dimension)
                    + " values, found " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("target '" + target + "' has a non-finite value " + values[i]
                        + " at flat index " + i);
            }
        }
    }

    /**
     * @param episode the episode
     * @param pairs the prefix k, 1 … K
     * @return offset of that value vector in {@link #values()}
     */
    public int offset(int episode, int pairs) {
        return (episode * prefixes + pairs - 1) * dimension;
    }
}
