package org.icl4j.api;

import static java.util.Objects.requireNonNull;

/**
 * A metric's value per prefix length k (or one aggregate value), with a confidence interval. Values are
 * dimension-normalised (divided by d) where the metric says so.
 *
 * @param metric the metric's name
 * @param first the (first) estimator's name
 * @param second the second estimator's name for pairwise metrics, else null
 * @param aggregate true when the result is one number over several k (e.g. MSPD) rather than one per k
 * @param mean the estimate per k (index = k), or one value when aggregate
 * @param lower lower end of the confidence interval, same shape as mean
 * @param upper upper end of the confidence interval, same shape as mean
 */
public record MetricResult(String metric, String first, String second, boolean aggregate,
                           double[] mean, double[] lower, double[] upper) {

    /**
     * Validates that the three arrays have one shape.
     *
     * @param metric the metric's name
     * @param first the (first) estimator's name
     * @param second the second estimator's name for pairwise metrics, else null
     * @param aggregate true when the result is one number over several k (e.g. MSPD) rather than one per k
     * @param mean the estimate per k (index = k), or one value when aggregate
     * @param lower lower end of the confidence interval, same shape as mean
     * @param upper upper end of the confidence interval, same shape as mean
     */
    public MetricResult {
        requireNonNull(metric, "metric is null");
        requireNonNull(first, "first is null");
        requireNonNull(mean, "mean is null");
        requireNonNull(lower, "lower is null");
        requireNonNull(upper, "upper is null");
        if (lower.length != mean.length || upper.length != mean.length) {
            throw new IllegalArgumentException("mean, lower and upper must have one length, found "
                    + mean.length + ", " + lower.length + ", " + upper.length);
        }
        if (aggregate && mean.length != 1) {
            throw new IllegalArgumentException("an aggregate result has one value, found " + mean.length);
        }
    }
}
