package org.icl4j.algorithms.task;

import org.icl4j.algorithms.ParameterChecks;

/**
 * A distribution of vectors made of independent coordinates, N(shift, scale²) each, optionally mixed with a
 * second such component: with probability {@code mixture} (drawn once per episode) every coordinate comes
 * from N(mixtureShift, mixtureScale²) instead. The authors' out-of-distribution tests use N(0, 1), N(0, 2.5²)
 * and N(2.5, 1) (docs/PAPER.md, Tasks).
 *
 * @param shift mean of every coordinate of the main component
 * @param scale standard deviation of the main component, at least 0
 * @param mixture probability of the second component per episode, in [0, 1]
 * @param mixtureShift mean of the second component
 * @param mixtureScale standard deviation of the second component, at least 0
 */
public record GaussianMixture(double shift, double scale, double mixture, double mixtureShift, double mixtureScale) {

    /** Validates finiteness and ranges. */
    public GaussianMixture {
        finite("shift", shift);
        finite("mixtureShift", mixtureShift);
        finite("scale", scale);
        finite("mixtureScale", mixtureScale);
        ParameterChecks.atLeast("scale", scale, 0.0);
        ParameterChecks.atLeast("mixtureScale", mixtureScale, 0.0);
        ParameterChecks.between("mixture", mixture, 0.0, 1.0);
    }

    /**
     * A single Gaussian component N(shift, scale²) per coordinate.
     *
     * @param shift the mean
     * @param scale the standard deviation
     * @return the distribution
     */
    public static GaussianMixture of(double shift, double scale) {
        return new GaussianMixture(shift, scale, 0.0, 0.0, 1.0);
    }

    /** @return N(0, 1) per coordinate */
    public static GaussianMixture standard() {
        return of(0.0, 1.0);
    }

    /** @return true when the second component can be drawn */
    public boolean isMixture() {
        return mixture > 0;
    }

    private static void finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, found " + value);
        }
    }
}
