package org.icl4j.algorithms.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.icl4j.algorithms.estimator.Averaging;
import org.icl4j.algorithms.estimator.LeastSquares;
import org.icl4j.algorithms.estimator.NearestNeighbours;
import org.icl4j.algorithms.estimator.RidgeRegression;
import org.icl4j.algorithms.estimator.ZeroEstimator;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.MetricResult;
import org.icl4j.testkit.TestEpisodes;
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
    void mspdCoversOnlyThePrefixesBelowTheDimension() {
        // d = 2, n = 3: MSPD averages k = 0 and 1 only. Averaging against zero, worked by hand:
        // episode 0: x = (1,0), (1,1), (0,1), y = 2, 3, 0. k = 0: 0; k = 1: w = (2,0), ŷ = 2, SPD/d = 4/2 = 2;
        //   (k = 2, left out: w = (2.5,1.5), ŷ = 1.5.) Episode mean (0 + 2)/2 = 1.
        // episode 1: x = (0,2), (0,3), (1,0), y = 1, 0, 0. k = 1: w = (0,2), ŷ = 6, SPD/d = 18. Episode mean 9.
        EpisodeBatch episodes = EpisodeBatch.of(2, 3, 2,
                new float[] {1, 0, 1, 1, 0, 1, 0, 2, 0, 3, 1, 0}, new float[] {2, 3, 0, 1, 0, 0});
        MetricResult mspd = new MeanSquaredPredictionDifference().compute(new DefaultEvaluation(episodes, 2, 0),
                new Averaging(), new ZeroEstimator());
        // Mean of (1, 9) = 5; sample standard deviation √32, standard error √32/√2 = 4.
        assertThat(mspd.aggregate()).isTrue();
        assertThat(mspd.mean()).containsExactly(new double[] {5}, within(1e-12));
        assertThat(mspd.lower()).containsExactly(new double[] {5 - ConfidenceIntervals.Z95 * 4}, within(1e-12));
        assertThat(mspd.upper()).containsExactly(new double[] {5 + ConfidenceIntervals.Z95 * 4}, within(1e-12));
    }

    @Test
    void probeFitOfANonLinearEstimatorMatchesAnIndependentLeastSquaresFit() {
        // ŷ(x′) = x′₀ + x′₁², whatever the context: the fit and its R² are recomputed with EJML on the very probe
        // inputs the estimator was asked about.
        EpisodeBatch episodes = TestEpisodes.gaussian(3, 4, 3, 0, 71);
        int probes = 40;
        java.util.List<float[]> seen = new java.util.ArrayList<>();
        Estimator curved = new Estimator() {
            @Override
            public String name() {
                return "curved";
            }

            @Override
            public float[] predictPrefixes(EpisodeBatch batch) {
                throw new UnsupportedOperationException("only queries are used");
            }

            @Override
            public float[] predictQueries(EpisodeBatch batch, int contextPairs, float[] queries, int perEpisode) {
                seen.add(queries.clone());
                float[] out = new float[batch.batch() * perEpisode];
                for (int q = 0; q < out.length; q++) {
                    out[q] = queries[q * 3] + queries[q * 3 + 1] * queries[q * 3 + 1];
                }
                return out;
            }
        };
        var fitted = ImplicitWeightsFit.byProbes(curved, episodes, probes, 9);
        assertThat(seen).hasSize(4);
        for (int k = 0; k < 4; k++) {
            float[] queries = seen.get(k);
            for (int b = 0; b < 3; b++) {
                org.ejml.data.DMatrixRMaj design = new org.ejml.data.DMatrixRMaj(probes, 3);
                org.ejml.data.DMatrixRMaj labels = new org.ejml.data.DMatrixRMaj(probes, 1);
                double mean = 0;
                for (int q = 0; q < probes; q++) {
                    int row = (b * probes + q) * 3;
                    for (int j = 0; j < 3; j++) {
                        design.set(q, j, queries[row + j]);
                    }
                    double label = (float) (queries[row] + queries[row + 1] * queries[row + 1]);
                    labels.set(q, 0, label);
                    mean += label / probes;
                }
                org.ejml.data.DMatrixRMaj w = new org.ejml.data.DMatrixRMaj(3, 1);
                org.ejml.dense.row.CommonOps_DDRM.solve(design, labels, w);
                double residual = 0;
                double total = 0;
                for (int q = 0; q < probes; q++) {
                    double fit = 0;
                    for (int j = 0; j < 3; j++) {
                        fit += w.get(j, 0) * design.get(q, j);
                    }
                    residual += (labels.get(q, 0) - fit) * (labels.get(q, 0) - fit);
                    total += (labels.get(q, 0) - mean) * (labels.get(q, 0) - mean);
                }
                // Normal equations (Cholesky) against QR: both double, well-conditioned 40×3 design.
                assertThat(TestEpisodes.at(fitted.weights(), episodes, b, k))
                        .containsExactly(w.getData(), within(1e-9));
                assertThat(fitted.r2()[b * 4 + k]).as("episode %d, k = %d", b, k)
                        .isCloseTo(1 - residual / total, within(1e-9))
                        .isLessThan(0.99);
            }
        }
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
