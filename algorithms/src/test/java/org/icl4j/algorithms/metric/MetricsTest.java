package org.icl4j.algorithms.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.icl4j.algorithms.TestEpisodes;
import org.icl4j.algorithms.estimator.Averaging;
import org.icl4j.algorithms.estimator.LeastSquares;
import org.icl4j.algorithms.estimator.NearestNeighbours;
import org.icl4j.algorithms.estimator.RidgeRegression;
import org.icl4j.algorithms.estimator.ZeroEstimator;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.MetricResult;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final EpisodeBatch EPISODES = TestEpisodes.gaussian(200, 12, 4, 0.3, 61);

    @Test
    void squaredErrorOfTheZeroEstimatorIsTheLabelEnergy() {
        // Two episodes of two pairs in d = 2 with labels (1, 3) and (−1, 2): errors² / d = (0.5, 4.5) and (0.5, 2).
        EpisodeBatch episodes = EpisodeBatch.of(2, 2, 2, new float[8], new float[] {1, 3, -1, 2});
        MetricResult result = new SquaredError().compute(new DefaultEvaluation(episodes, 4, 0), new ZeroEstimator(),
                null);
        assertThat(result.metric()).isEqualTo("squared-error");
        assertThat(result.first()).isEqualTo("zero");
        assertThat(result.second()).isNull();
        assertThat(result.aggregate()).isFalse();
        assertThat(result.mean()).containsExactly(new double[] {0.5, 3.25}, within(1e-12));
        // k = 0: no spread; k = 1: s = √((1.25² · 2)/1) = 1.7678, half-width 1.96·s/√2 = 2.45.
        assertThat(result.lower()).containsExactly(new double[] {0.5, 3.25 - 1.959963984540054 * 1.25}, within(1e-9));
        assertThat(result.upper()).containsExactly(new double[] {0.5, 3.25 + 1.959963984540054 * 1.25}, within(1e-9));
    }

    @Test
    void confidenceIntervalIsNormalApproximation() {
        // Values 1, 2, 3, 4: mean 2.5, sample variance 5/3, standard error √(5/3)/2.
        double[] interval = ConfidenceIntervals.interval(new double[] {1, 2, 3, 4, Double.NaN});
        double half = 1.959963984540054 * Math.sqrt(5.0 / 3) / 2;
        assertThat(interval).containsExactly(new double[] {2.5, 2.5 - half, 2.5 + half}, within(1e-12));
        assertThat(ConfidenceIntervals.interval(new double[] {Double.NaN})[0]).isNaN();
    }

    @Test
    void squaredPredictionDifferenceIsSymmetricAndZeroOnIdenticalEstimators() {
        DefaultEvaluation evaluation = new DefaultEvaluation(EPISODES, 16, 1);
        Estimator ols = new LeastSquares();
        Estimator ridge = new RidgeRegression(0.5);
        SquaredPredictionDifference spd = new SquaredPredictionDifference();
        MetricResult forward = spd.compute(evaluation, ols, ridge);
        MetricResult backward = spd.compute(evaluation, ridge, ols);
        assertThat(forward.mean()).containsExactly(backward.mean());
        assertThat(forward.upper()).containsExactly(backward.upper());
        assertThat(spd.compute(evaluation, ols, ols).mean()).containsOnly(0.0);
        assertThat(spd.compute(evaluation, ols, new LeastSquares()).mean()).containsOnly(0.0);
        // At k = 0 both predict 0; past that ridge(0.5) and least squares differ.
        assertThat(forward.mean()[0]).isZero();
        assertThat(forward.mean()[6]).isPositive();
    }

    @Test
    void spdMatchesADirectComputation() {
        DefaultEvaluation evaluation = new DefaultEvaluation(EPISODES, 16, 1);
        Estimator averaging = new Averaging();
        Estimator ridge = new RidgeRegression(0.1);
        MetricResult result = new SquaredPredictionDifference().compute(evaluation, averaging, ridge);
        for (int k = 0; k < 12; k++) {
            double sum = 0;
            for (int b = 0; b < 200; b++) {
                double[] wa = new double[4];
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < 4; j++) {
                        wa[j] += EPISODES.y(b, i) * (double) EPISODES.x(b, i, j) / k;
                    }
                }
                double[] wr = TestEpisodes.ridgeSolution(EPISODES, b, k, 0.1);
                double difference = 0;
                for (int j = 0; j < 4; j++) {
                    difference += (wa[j] - wr[j]) * EPISODES.x(b, k, j);
                }
                sum += difference * difference / 4;
            }
            // Predictions are float: relative rounding 6e-8 on each.
            assertThat(result.mean()[k]).as("k = %d", k).isCloseTo(sum / 200, within(1e-5 * (1 + sum / 200)));
        }
    }

    @Test
    void ilwdBetweenLinearEstimatorsIsTheExactWeightDistance() {
        DefaultEvaluation evaluation = new DefaultEvaluation(EPISODES, 16, 2);
        MetricResult result = new ImplicitLinearWeightDistance(64).compute(evaluation, new LeastSquares(),
                new RidgeRegression(0.25));
        for (int k = 0; k < 12; k++) {
            double sum = 0;
            for (int b = 0; b < 200; b++) {
                double[] ols = k == 0 ? new double[4] : TestEpisodes.pseudoInverseSolution(EPISODES, b, k);
                double[] ridge = TestEpisodes.ridgeSolution(EPISODES, b, k, 0.25);
                double distance = 0;
                for (int j = 0; j < 4; j++) {
                    distance += (ols[j] - ridge[j]) * (ols[j] - ridge[j]);
                }
                sum += distance / 4;
            }
            assertThat(result.mean()[k]).as("k = %d", k).isCloseTo(sum / 200, within(1e-8 * (1 + sum / 200)));
        }
    }

    @Test
    void probeFitRecoversTheWeightsOfALinearEstimator() {
        // Through the probe path a linear estimator's fit is exact up to the float rounding of its predictions.
        LeastSquares ols = new LeastSquares();
        var fitted = ImplicitWeightsFit.byProbes(ols, EPISODES, 32, 3);
        double[] exact = ols.prefixWeights(EPISODES);
        for (int b = 0; b < 200; b++) {
            assertThat(fitted.r2()[b * 12]).as("k = 0: constant predictions").isNaN();
            for (int k = 1; k < 12; k++) {
                assertThat(fitted.r2()[b * 12 + k]).as("R² of episode %d, k = %d", b, k).isGreaterThan(1 - 1e-9);
                double[] expected = TestEpisodes.at(exact, EPISODES, b, k);
                assertThat(TestEpisodes.maxDifference(TestEpisodes.at(fitted.weights(), EPISODES, b, k), expected))
                        .isLessThan(1e-5 * (1 + TestEpisodes.maxAbs(expected)));
            }
        }
        MetricResult r2 = new ImplicitFitRSquared().compute(new DefaultEvaluation(EPISODES, 32, 3), ols, null);
        assertThat(r2.mean()).containsOnly(1.0);
    }

    @Test
    void nearestNeighboursAreNotLinear() {
        DefaultEvaluation evaluation = new DefaultEvaluation(EPISODES, 32, 4);
        NearestNeighbours knn = new NearestNeighbours("knn", 3, NearestNeighbours.Weights.UNIFORM);
        MetricResult r2 = new ImplicitFitRSquared().compute(evaluation, knn, null);
        // k ≤ 1: constant predictions (0, then y0), so R² is undefined; with 4+ context pairs the
        // prediction is piecewise constant over neighbour regions, far from linear.
        assertThat(r2.mean()[0]).isNaN();
        assertThat(r2.mean()[1]).isNaN();
        assertThat(r2.mean()[8]).isLessThan(0.9);
        MetricResult ilwd = new ImplicitLinearWeightDistance(32).compute(evaluation, knn, knn);
        assertThat(ilwd.mean()).containsOnly(0.0);
        MetricResult versusOls = new ImplicitLinearWeightDistance(32).compute(evaluation, knn, new LeastSquares());
        assertThat(versusOls.mean()[8]).isPositive();
    }

    @Test
    void mspdAveragesSpdOverTheUnderdeterminedPrefixes() {
        DefaultEvaluation evaluation = new DefaultEvaluation(EPISODES, 16, 5);
        Estimator ols = new LeastSquares();
        Estimator averaging = new Averaging();
        MetricResult spd = new SquaredPredictionDifference().compute(evaluation, ols, averaging);
        MetricResult mspd = new MeanSquaredPredictionDifference().compute(evaluation, ols, averaging);
        assertThat(mspd.aggregate()).isTrue();
        // Every episode weighs the same, so the mean of per-episode averages is the average of per-k means.
        double expected = (spd.mean()[0] + spd.mean()[1] + spd.mean()[2] + spd.mean()[3]) / 4;
        assertThat(mspd.mean()[0]).isCloseTo(expected, within(1e-12));
        assertThat(mspd.lower()[0]).isLessThan(expected);
        assertThat(mspd.upper()[0]).isGreaterThan(expected);
    }

    @Test
    void pairMetricsNeedTwoEstimators() {
        DefaultEvaluation evaluation = new DefaultEvaluation(EPISODES, 16, 6);
        assertThatThrownBy(() -> new SquaredPredictionDifference().compute(evaluation, new LeastSquares(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spd compares two estimators");
        assertThatThrownBy(() -> ImplicitWeightsFit.byProbes(new NearestNeighbours("knn", 1,
                NearestNeighbours.Weights.UNIFORM), EPISODES, 3, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probes must be >= the dimension d = 4 for a least-squares fit of the implicit weights,"
                        + " found 3");
    }
}
