package org.icl4j.api;

/**
 * The prior of a linear regression task with w ~ N(0, τ² I) and label noise N(0, σ²).
 *
 * @param noise label noise standard deviation σ, at least 0
 * @param weightScale weight prior standard deviation τ, greater than 0
 */
public record GaussianPrior(double noise, double weightScale) {

    /**
     * Validates σ ≥ 0 and τ &gt; 0.
     *
     * @param noise label noise standard deviation σ, at least 0
     * @param weightScale weight prior standard deviation τ, greater than 0
     */
    public GaussianPrior {
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise must be >= 0 and finite, found " + noise);
        }
        if (!(weightScale > 0) || !Double.isFinite(weightScale)) {
            throw new IllegalArgumentException("weightScale must be > 0 and finite, found " + weightScale);
        }
    }

    /** @return the Bayes-optimal ridge penalty λ = σ²/τ² */
    public double bayesLambda() {
        return (noise * noise) / (weightScale * weightScale);
    }
}
