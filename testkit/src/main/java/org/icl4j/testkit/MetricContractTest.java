package org.icl4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Evaluation;
import org.icl4j.api.Metric;
import org.icl4j.api.MetricResult;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Metric} must meet. To run it, write a subclass in your test sources that creates the
 * metric under test; JUnit runs every inherited test:
 *
 * <pre>{@code
 * class MyDistanceContractTest extends MetricContractTest {
 *     @Override
 *     protected Metric createMetric() {
 *         return new MyDistance();
 *     }
 * }
 * }</pre>
 *
 * <p>The metric is computed on {@link #episodes()} (Gaussian episodes, d = 3, n = 10) with the estimators of
 * {@link #first()} and {@link #second()} (least squares and ridge from {@link ReferenceSolutions}, which are
 * linear, so their implicit weights are exact), through the {@link Evaluation} of {@link #evaluation}
 * (a {@link TestEvaluation}; a host may pass its own). It checks the result's labels (metric, estimator names,
 * no second name for a single-estimator metric), its shape (one value per k, or one value when aggregate), that
 * the confidence interval holds the estimate, that a second computation gives the same numbers, and that the
 * episodes are left unchanged.
 */
public abstract class MetricContractTest {

    /** @return a fresh metric under test */
    protected abstract Metric createMetric();

    /** @return the evaluation episodes (default: 64 Gaussian episodes, d = 3, n = 10, σ = 0.1, seed 11) */
    protected EpisodeBatch episodes() {
        return TestEpisodes.gaussian(64, 10, 3, 0.1, 11);
    }

    /**
     * @param episodes the evaluation episodes
     * @return the evaluation the metric reads (default: a {@link TestEvaluation})
     */
    protected Evaluation evaluation(EpisodeBatch episodes) {
        return new TestEvaluation(episodes);
    }

    /** @return the (first) estimator (default: minimum-norm least squares) */
    protected Estimator first() {
        return ReferenceSolutions.leastSquares();
    }

    /** @return the second estimator of a pairwise metric (default: ridge with λ = 0.5) */
    protected Estimator second() {
        return ReferenceSolutions.ridge(0.5);
    }

    @Test
    void nameAndArityAreGiven() {
        Metric metric = createMetric();
        assertThat(metric.name()).isNotBlank();
        assertThat(metric.arity()).isNotNull();
    }

    @Test
    void theResultIsLabelledAndShapedAsDocumented() {
        Metric metric = createMetric();
        EpisodeBatch episodes = episodes();
        Estimator first = first();
        Estimator second = metric.arity() == Metric.Arity.PAIR ? second() : null;
        MetricResult result = metric.compute(evaluation(episodes), first, second);

        assertThat(result.metric()).isEqualTo(metric.name());
        assertThat(result.first()).isEqualTo(first.name());
        if (second == null) {
            assertThat(result.second()).as("second name of a single-estimator metric").isNull();
        } else {
            assertThat(result.second()).isEqualTo(second.name());
        }
        assertThat(result.mean()).hasSize(result.aggregate() ? 1 : episodes.length());
        for (int i = 0; i < result.mean().length; i++) {
            double mean = result.mean()[i];
            if (Double.isFinite(mean) && Double.isFinite(result.lower()[i]) && Double.isFinite(result.upper()[i])) {
                assertThat(result.lower()[i]).as("lower bound at %d", i).isLessThanOrEqualTo(mean);
                assertThat(result.upper()[i]).as("upper bound at %d", i).isGreaterThanOrEqualTo(mean);
            }
        }
    }

    @Test
    void computingTwiceGivesTheSameNumbersAndLeavesTheEpisodesUnchanged() {
        Metric metric = createMetric();
        EpisodeBatch episodes = episodes();
        float[] xs = episodes.xs().clone();
        float[] ys = episodes.ys().clone();
        Estimator first = first();
        Estimator second = metric.arity() == Metric.Arity.PAIR ? second() : null;
        MetricResult once = metric.compute(evaluation(episodes), first, second);
        MetricResult twice = createMetric().compute(evaluation(episodes), first, second);

        assertThat(twice.mean()).isEqualTo(once.mean());
        assertThat(twice.lower()).isEqualTo(once.lower());
        assertThat(twice.upper()).isEqualTo(once.upper());
        assertThat(episodes.xs()).isEqualTo(xs);
        assertThat(episodes.ys()).isEqualTo(ys);
    }
}
