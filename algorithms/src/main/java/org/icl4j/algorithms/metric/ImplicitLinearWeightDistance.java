package org.icl4j.algorithms.metric;

import org.icl4j.algorithms.ParameterChecks;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Evaluation;
import org.icl4j.api.ImplicitWeights;
import org.icl4j.api.Metric;
import org.icl4j.api.MetricResult;

/**
 * Implicit linear weight difference ILWD(A, B) per prefix length k, dimension-normalised (docs/PAPER.md, Metrics):
 * {@code E_b ‖ŵ_A[b,k] − ŵ_B[b,k]‖² / d}, where both weight vectors are fit on the same k context pairs
 * {@code 0 … k-1} (exact weights for linear estimators, a probe fit otherwise; see {@link ImplicitWeightsFit}).
 *
 * <p>The probe count applies when the evaluation is a {@link DefaultEvaluation}; another {@link Evaluation}
 * implementation decides its own probes through {@link Evaluation#implicitWeights}.
 */
public final class ImplicitLinearWeightDistance implements Metric {

    private final int probes;

    /** @param probes probe inputs per context, at least 1 (and at least d for non-linear estimators) */
    public ImplicitLinearWeightDistance(int probes) {
        this.probes = ParameterChecks.atLeast("probes", probes, 1);
    }

    /** @return probe inputs per context */
    public int probes() {
        return probes;
    }

    @Override
    public String name() {
        return ImplicitLinearWeightDistanceFactory.NAME;
    }

    @Override
    public Arity arity() {
        return Arity.PAIR;
    }

    @Override
    public MetricResult compute(Evaluation evaluation, Estimator first, Estimator second) {
        PairMetrics.requireSecond(name(), second);
        EpisodeBatch episodes = evaluation.episodes();
        ImplicitWeights a = weights(evaluation, first);
        ImplicitWeights b = weights(evaluation, second);
        int d = episodes.dimension();
        int rows = episodes.batch() * episodes.length();
        double[] values = new double[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                double difference = a.weights()[r * d + j] - b.weights()[r * d + j];
                sum += difference * difference;
            }
            values[r] = sum / d;
        }
        return ConfidenceIntervals.perPrefix(name(), first.name(), second.name(), values, episodes.batch(),
                episodes.length());
    }

    private ImplicitWeights weights(Evaluation evaluation, Estimator estimator) {
        return evaluation instanceof DefaultEvaluation defaults
                ? defaults.implicitWeights(estimator, probes)
                : evaluation.implicitWeights(estimator);
    }
}
