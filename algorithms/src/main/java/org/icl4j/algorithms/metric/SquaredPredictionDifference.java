package org.icl4j.algorithms.metric;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Evaluation;
import org.icl4j.api.Metric;
import org.icl4j.api.MetricResult;

/**
 * Squared prediction difference SPD(A, B) per prefix length k, dimension-normalised (docs/PAPER.md, Metrics):
 * {@code E_b (A(D_k)(x_k) − B(D_k)(x_k))² / d}, where the query is the episode's next input x_k, a fresh draw
 * from the task. Symmetric in A and B.
 */
public final class SquaredPredictionDifference implements Metric {

    /** The spec name. */
    public static final String NAME = "spd";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Arity arity() {
        return Arity.PAIR;
    }

    @Override
    public MetricResult compute(Evaluation evaluation, Estimator first, Estimator second) {
        PairMetrics.requireSecond(name(), second);
        EpisodeBatch episodes = evaluation.episodes();
        double[] values = differences(evaluation, first, second);
        return ConfidenceIntervals.perPrefix(name(), first.name(), second.name(), values, episodes.batch(),
                episodes.length());
    }

    /** @return (A − B)²/d per episode and k, shape [B, n] */
    static double[] differences(Evaluation evaluation, Estimator first, Estimator second) {
        float[] a = evaluation.predictions(first);
        float[] b = evaluation.predictions(second);
        int d = evaluation.episodes().dimension();
        double[] values = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double difference = (double) a[i] - b[i];
            values[i] = difference * difference / d;
        }
        return values;
    }
}
