package org.icl4j.algorithms.metric;

import org.icl4j.api.MetricResult;

/**
 * Turns per-episode values into a {@link MetricResult}: the mean over episodes with a 95% confidence interval,
 * {@code mean ± 1.96 · s/√B} where s is the sample standard deviation over the B episodes (normal
 * approximation to the sampling distribution of the mean; episodes are independent draws). NaN values (e.g. R²
 * of a constant predictor) are left out; a k where every value is NaN gets NaN. With a single value there is
 * no spread to estimate and the interval collapses to the mean.
 */
public final class ConfidenceIntervals {

    /** The two-sided 95% quantile of the standard normal distribution. */
    public static final double Z95 = 1.959963984540054;

    private ConfidenceIntervals() {
    }

    /**
     * @param metric the metric's name
     * @param first the (first) estimator's name
     * @param second the second estimator's name, or null
     * @param values per-episode values, shape [B, n]
     * @param batch B
     * @param length n
     * @return one mean and interval per k
     */
    public static MetricResult perPrefix(String metric, String first, String second, double[] values, int batch,
            int length) {
        double[] mean = new double[length];
        double[] lower = new double[length];
        double[] upper = new double[length];
        double[] column = new double[batch];
        for (int k = 0; k < length; k++) {
            for (int b = 0; b < batch; b++) {
                column[b] = values[b * length + k];
            }
            double[] interval = interval(column);
            mean[k] = interval[0];
            lower[k] = interval[1];
            upper[k] = interval[2];
        }
        return new MetricResult(metric, first, second, false, mean, lower, upper);
    }

    /**
     * @param metric the metric's name
     * @param first the (first) estimator's name
     * @param second the second estimator's name, or null
     * @param values one value per episode
     * @return the mean and interval as an aggregate result
     */
    public static MetricResult aggregate(String metric, String first, String second, double[] values) {
        double[] interval = interval(values);
        return new MetricResult(metric, first, second, true, new double[] {interval[0]},
                new double[] {interval[1]}, new double[] {interval[2]});
    }

    /** @return {mean, lower, upper} over the non-NaN values */
    static double[] interval(double[] values) {
        int count = 0;
        double sum = 0;
        for (double value : values) {
            if (!Double.isNaN(value)) {
                sum += value;
                count++;
            }
        }
        if (count == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double mean = sum / count;
        if (count == 1) {
            return new double[] {mean, mean, mean};
        }
        double squares = 0;
        for (double value : values) {
            if (!Double.isNaN(value)) {
                squares += (value - mean) * (value - mean);
            }
        }
        double halfWidth = Z95 * Math.sqrt(squares / (count - 1) / count);
        return new double[] {mean, mean - halfWidth, mean + halfWidth};
    }
}
