package org.icl4j.experiment;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The mean of a quantity over seeds with its 95% confidence interval, mean ± t(0.975, n−1)·s/√n (Student's t,
 * s the sample standard deviation). With one seed the interval is unknown (NaN bounds).
 *
 * @param mean the mean
 * @param low the interval's lower end
 * @param high its upper end
 * @param n the number of seeds
 */
public record MeanInterval(double mean, double low, double high, int n) {
    /**
     * @param values one value per seed, at least one
     * @return their mean and interval; NaN throughout when any value is NaN
     */
    public static MeanInterval of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a mean needs at least one value");
        }
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        double mean = sum / values.length;
        if (values.length == 1 || !Double.isFinite(mean)) {
            return new MeanInterval(mean, Double.NaN, Double.NaN, values.length);
        }
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        double standardError = Math.sqrt(squares / (values.length - 1) / values.length);
        double half = new TDistribution(values.length - 1).inverseCumulativeProbability(0.975) * standardError;
        return new MeanInterval(mean, mean - half, mean + half, values.length);
    }
}
