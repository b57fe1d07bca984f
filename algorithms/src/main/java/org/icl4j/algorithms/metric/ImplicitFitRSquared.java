package org.icl4j.algorithms.metric;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Evaluation;
import org.icl4j.api.Metric;
import org.icl4j.api.MetricResult;

/**
 * R² of an estimator's implicit linear fit per prefix length k (docs/PAPER.md, Metrics: ILWD, and Fig. 6): how well
 * a linear function of the query explains its predictions against a fixed context. 1 for linear estimators;
 * episodes whose predictions are constant (R² undefined) are left out of the mean. A ratio, so not divided by d.
 * The fit uses the evaluation's probe inputs ({@link DefaultEvaluation#probes()}).
 */
public final class ImplicitFitRSquared implements Metric {

    /** The spec name. */
    public static final String NAME = "r2";

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
        double[] r2 = evaluation.implicitWeights(first).r2();
        return ConfidenceIntervals.perPrefix(name(), first.name(), null, r2, episodes.batch(), episodes.length());
    }
}
