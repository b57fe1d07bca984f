package org.icl4j.algorithms.metric;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Evaluation;
import org.icl4j.api.Metric;
import org.icl4j.api.MetricResult;

/**
 * MSPD(A, B): SPD/d averaged over the underdetermined prefixes k = 0 … min(d, n) − 1 (docs/PAPER.md, Metrics), the
 * number the paper's Fig. 2 tabulates. One aggregate value: each episode's mean over those k, then the mean over
 * episodes with a 95% confidence interval.
 */
public final class MeanSquaredPredictionDifference implements Metric {

    /** The spec name. */
    public static final String NAME = "mspd";

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
        double[] values = SquaredPredictionDifference.differences(evaluation, first, second);
        int n = episodes.length();
        int prefixes = Math.min(episodes.dimension(), n);
        double[] perEpisode = new double[episodes.batch()];
        for (int b = 0; b < episodes.batch(); b++) {
            double sum = 0;
            for (int k = 0; k < prefixes; k++) {
                sum += values[b * n + k];
            }
            perEpisode[b] = sum / prefixes;
        }
        return ConfidenceIntervals.aggregate(name(), first.name(), second.name(), perEpisode);
    }
}
