package org.icl4j.api;

import static java.util.Objects.requireNonNull;

/**
 * The weights an estimator implicitly uses after every prefix: exact for a {@link LinearEstimator}, otherwise
 * the least-squares fit of its predictions on probe inputs (docs/PAPER.md, ILWD), with the fit's R².
 *
 * @param batch episodes B
 * @param length prefixes per episode n
 * @param dimension input width d
 * @param weights shape [B, n, d]: entry {@code [b,k,:]} is the weight vector after pairs {@code 0 … k-1}
 * @param r2 shape [B, n]: coefficient of determination of the linear fit (1 for exact weights; NaN where the
 *     predictions have zero variance)
 */
public record ImplicitWeights(int batch, int length, int dimension, double[] weights, double[] r2) {

    /**
     * Validates shapes.
     *
     * @param batch episodes B
     * @param length prefixes per episode n
     * @param dimension input width d
     * @param weights shape [B, n, d]: entry {@code [b,k,:]} is the weight vector after pairs {@code 0 … k-1}
     * @param r2 shape [B, n]: coefficient of determination of the linear fit (1 for exact weights; NaN where the
     *     predictions have zero variance)
     */
    public ImplicitWeights {
        requireNonNull(weights, "weights is null");
        requireNonNull(r2, "r2 is null");
        if (weights.length != (long) batch * length * dimension || r2.length != (long) batch * length) {
            throw new IllegalArgumentException("implicit weights need shapes [" + batch + ", " + length + ", "
                    + dimension + "] and [" + batch + ", " + length + "], found " + weights.length + " and "
                    + r2.length + " values");
        }
    }
}
