package org.icl4j.algorithms.metric;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Evaluation;
import org.icl4j.api.Metric;
import org.icl4j.testkit.MetricContractTest;
import org.junit.jupiter.api.Nested;

/** Every built-in metric runs the shared contract, through the host's own evaluation. */
class MetricsContractTest {

    /** The built-in metrics are computed as the host computes them, with implicit weights from DefaultEvaluation. */
    abstract static class BuiltinMetricContractTest extends MetricContractTest {
        @Override
        protected Evaluation evaluation(EpisodeBatch episodes) {
            return new DefaultEvaluation(episodes, DefaultEvaluation.DEFAULT_PROBES, 3);
        }
    }

    @Nested
    class SquaredErrorContract extends BuiltinMetricContractTest {
        @Override
        protected Metric createMetric() {
            return new SquaredError();
        }
    }

    @Nested
    class SquaredPredictionDifferenceContract extends BuiltinMetricContractTest {
        @Override
        protected Metric createMetric() {
            return new SquaredPredictionDifference();
        }
    }

    @Nested
    class MeanSquaredPredictionDifferenceContract extends BuiltinMetricContractTest {
        @Override
        protected Metric createMetric() {
            return new MeanSquaredPredictionDifference();
        }
    }

    @Nested
    class ImplicitLinearWeightDistanceContract extends BuiltinMetricContractTest {
        @Override
        protected Metric createMetric() {
            return new ImplicitLinearWeightDistance(DefaultEvaluation.DEFAULT_PROBES);
        }
    }

    @Nested
    class ImplicitFitRSquaredContract extends BuiltinMetricContractTest {
        @Override
        protected Metric createMetric() {
            return new ImplicitFitRSquared();
        }
    }

    /** The testkit's own evaluation, as a plugin author's metric test would use it. */
    @Nested
    class SquaredPredictionDifferenceOnTheTestkitEvaluation extends MetricContractTest {
        @Override
        protected Metric createMetric() {
            return new SquaredPredictionDifference();
        }
    }
}
