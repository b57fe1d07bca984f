package org.icl4j.algorithms.metric;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Evaluation;
import org.icl4j.api.Metric;
import org.icl4j.api.MetricResult;

/**
 * Squared error against the true labels per prefix length k, dimension-normalised (docs/PAPER.md, Metrics):
 * {@code E_b (ŷ[b,k] − y[b,k])² / d}, with a 95% confidence interval over episodes.
 */
public final class SquaredError implements Metric {

    /** The spec name. */
    public static final String NAME = "squared-error";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Arity arity() {
        return Arity.SINGLE;
    }

    @Override
    public MetricResult compute(Evaluation evaluation, Estimator first, Estimator second) {
        EpisodeBatch episodes = evaluation.episodes();
        float[] predictions = evaluation.predictions(first);
        float[] ys = episodes.ys();
        int d = episodes.dimension();
        double[] values = new double[ys.length];
        for (int i = 0; i < ys.length; i++) {
            double error = (double) predictions[i] - ys[i];
            values[i] = error * error / d;
        }
        return ConfidenceIntervals.perPrefix(name(), first.name(), null, values, episodes.batch(), episodes.length());
    }
}
