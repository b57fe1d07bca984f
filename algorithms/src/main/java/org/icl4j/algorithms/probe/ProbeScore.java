package org.icl4j.algorithms.probe;

import static java.util.Objects.requireNonNull;

import org.icl4j.api.PrefixTargets;

/**
 * Held-out error of one layer's probes, per prefix k = 1 … K. {@code squaredError[k-1]} is the mean over held-out
 * episodes of ‖prediction − target‖²; {@code baseline[k-1]} the same for the constant prediction "the training
 * targets' mean". Their ratio, {@link #normalised}, is 0 for a perfect probe and 1 for one that learned nothing
 * but the mean, whatever the target's scale, so every target reads on one scale.
 *
 * @param squaredError mean squared error per k
 * @param baseline mean squared error of the training mean per k
 */
public record ProbeScore(double[] squaredError, double[] baseline) {

    /** Checks that both have one value per prefix. */
    public ProbeScore {
        requireNonNull(squaredError, "squaredError is null");
        requireNonNull(baseline, "baseline is null");
        if (squaredError.length != baseline.length || squaredError.length == 0) {
            throw new IllegalArgumentException("squaredError and baseline need one value per prefix each, found "
                    + squaredError.length + " and " + baseline.length);
        }
    }

    /**
     * Scores predictions of held-out targets.
     *
     * @param predictions shape [N, K, dimension] of {@code test}
     * @param test the held-out targets
     * @param train the training targets, whose mean per prefix is the baseline prediction
     * @return the score
     */
    public static ProbeScore of(double[] predictions, PrefixTargets test, PrefixTargets train) {
        int prefixes = test.prefixes();
        int dimension = test.dimension();
        if (train.prefixes() != prefixes || train.dimension() != dimension
                || predictions.length != test.values().length) {
            throw new IllegalArgumentException("predictions, held-out and training targets disagree in shape: "
                    + predictions.length + " predictions for [" + test.episodes() + ", " + prefixes + ", " + dimension
                    + "], training targets [" + train.episodes() + ", " + train.prefixes() + ", " + train.dimension() + "]");
        }
        double[] mean = new double[prefixes * dimension];
        for (int i = 0; i < train.episodes(); i++) {
            for (int v = 0; v < mean.length; v++) {
                mean[v] += train.values()[i * mean.length + v];
            }
        }
        for (int v = 0; v < mean.length; v++) {
            mean[v] /= train.episodes();
        }
        double[] error = new double[prefixes];
        double[] baseline = new double[prefixes];
        for (int i = 0; i < test.episodes(); i++) {
            for (int k = 0; k < prefixes; k++) {
                for (int j = 0; j < dimension; j++) {
                    int v = k * dimension + j;
                    double target = test.values()[i * mean.length + v];
                    double miss = predictions[i * mean.length + v] - target;
                    double spread = mean[v] - target;
                    error[k] += miss * miss;
                    baseline[k] += spread * spread;
                }
            }
        }
        for (int k = 0; k < prefixes; k++) {
            error[k] /= test.episodes();
            baseline[k] /= test.episodes();
        }
        return new ProbeScore(error, baseline);
    }

    /** @return K */
    public int prefixes() {
        return squaredError.length;
    }

    /**
     * @param pairs the prefix k, 1 … K
     * @return squared error over baseline at k; NaN when the target does not vary on the held-out episodes
     */
    public double normalised(int pairs) {
        double base = baseline[pairs - 1];
        return base > 0 ? squaredError[pairs - 1] / base : Double.NaN;
    }
}
