package org.icl4j.testkit;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Evaluation;
import org.icl4j.api.ImplicitWeights;
import org.icl4j.api.LinearEstimator;

/**
 * An {@link Evaluation} for metric tests: each estimator's predictions are computed once and cached by identity,
 * and implicit weights are the exact weights of a {@link LinearEstimator} with R² = 1. Estimators that are not
 * linear have no implicit weights here (the host fits them on probe queries); metrics that need them are tested
 * with linear estimators, such as {@link ReferenceSolutions}.
 */
public final class TestEvaluation implements Evaluation {

    private final EpisodeBatch episodes;
    private final Map<Estimator, float[]> predictions = new IdentityHashMap<>();

    /**
     * @param episodes the evaluation episodes
     */
    public TestEvaluation(EpisodeBatch episodes) {
        this.episodes = requireNonNull(episodes, "episodes is null");
    }

    @Override
    public EpisodeBatch episodes() {
        return episodes;
    }

    @Override
    public synchronized float[] predictions(Estimator estimator) {
        return predictions.computeIfAbsent(requireNonNull(estimator, "estimator is null"),
                e -> e.predictPrefixes(episodes));
    }

    /**
     * @throws UnsupportedOperationException for an estimator that is not a {@link LinearEstimator}
     */
    @Override
    public ImplicitWeights implicitWeights(Estimator estimator) {
        if (!(estimator instanceof LinearEstimator linear)) {
            throw new UnsupportedOperationException("TestEvaluation has exact implicit weights for linear estimators only, "
                    + "found " + estimator.name());
        }
        double[] r2 = new double[episodes.batch() * episodes.length()];
        Arrays.fill(r2, 1.0);
        return new ImplicitWeights(episodes.batch(), episodes.length(), episodes.dimension(),
                linear.prefixWeights(episodes), r2);
    }
}
