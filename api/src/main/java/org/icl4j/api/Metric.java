package org.icl4j.api;

/**
 * A measure of an estimator (against the truth) or of a pair of estimators, computed per prefix length k.
 */
public interface Metric {

    /** How many estimators a metric takes. */
    enum Arity {
        /** One estimator, e.g. squared error against the true labels, or R² of its implicit linear fit. */
        SINGLE,
        /** Two estimators, e.g. SPD or ILWD. */
        PAIR
    }

    /** @return the metric's name, e.g. {@code spd} */
    String name();

    /** @return how many estimators the metric takes */
    Arity arity();

    /**
     * Computes the metric.
     *
     * @param evaluation the evaluation whose episodes and cached predictions to use
     * @param first the estimator (or the first of the pair)
     * @param second the second estimator for {@link Arity#PAIR}, else null
     * @return the result
     */
    MetricResult compute(Evaluation evaluation, Estimator first, Estimator second);
}
