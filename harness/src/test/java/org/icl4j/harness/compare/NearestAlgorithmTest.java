package org.icl4j.harness.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icl4j.algorithms.estimator.LeastSquares;
import org.icl4j.algorithms.estimator.RidgeRegression;
import org.icl4j.algorithms.metric.ConfidenceIntervals;
import org.icl4j.algorithms.task.GaussianLinearRegressionTask;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Rng;
import org.junit.jupiter.api.Test;

class NearestAlgorithmTest {

    /** A "trained model" that is ridge(λ = 0.1) under another name, so its nearest algorithm is known. */
    private static Estimator delegating(String name, Estimator algorithm) {
        return new NamedEstimator(name, algorithm);
    }

    private static ComparisonResult compare(EpisodeBatch episodes, List<Estimator> estimators) {
        Map<String, float[]> predictions = new LinkedHashMap<>();
        for (Estimator estimator : estimators) {
            predictions.put(estimator.name(), estimator.predictPrefixes(episodes));
        }
        return new ComparisonResult(episodes, estimators.stream().map(Estimator::name).toList(),
                estimators.get(0).name(), predictions, List.of());
    }

    @Test
    void aModelThatIsRidgeIsNearestRidgeOverBothRangesAtDistanceZero() {
        EpisodeBatch episodes = GaussianLinearRegressionTask.standard(4, 0, 1).sample(256, 12, new Rng(3));
        Estimator ridge = new RidgeRegression(0.1);
        List<Estimator> estimators = List.of(new LeastSquares(), ridge, new RidgeRegression(1.0),
                delegating("model", new RidgeRegression(0.1)));
        ComparisonResult result = compare(episodes, estimators);

        NearestAlgorithm nearest = NearestAlgorithm.find(result, "model",
                List.of("ols", "ridge:lambda=0.1", "ridge:lambda=1.0"));

        for (NearestAlgorithm.Range range : List.of(nearest.underdetermined(), nearest.determined())) {
            assertThat(range.nearest()).extracting(NearestAlgorithm.Candidate::estimator).containsExactly("ridge:lambda=0.1");
            assertThat(range.ranked().get(0).mean()).isZero();
            assertThat(range.ranked()).hasSize(3);
        }
        assertThat(nearest.underdetermined().from()).isZero();
        assertThat(nearest.underdetermined().to()).isEqualTo(4);
        assertThat(nearest.determined().from()).isEqualTo(4);
        assertThat(nearest.determined().to()).isEqualTo(12);
        assertThat(nearest.sentence()).isEqualTo("Over k < d model is closest to ridge:lambda=0.1 (SPD/d 0.0 ± 0.0), "
                + "over k ≥ d to ridge:lambda=0.1 (0.0 ± 0.0).");
    }

    @Test
    void twoCandidatesThatCannotBeToldApartAreBothNamed() {
        EpisodeBatch episodes = GaussianLinearRegressionTask.standard(4, 0, 1).sample(64, 8, new Rng(5));
        List<Estimator> estimators = List.of(new LeastSquares(), new RidgeRegression(0.1),
                delegating("ridge-again", new RidgeRegression(0.1)), delegating("model", new RidgeRegression(0.1)));
        ComparisonResult result = compare(episodes, estimators);

        NearestAlgorithm nearest = NearestAlgorithm.find(result, "model", result.estimators());

        assertThat(nearest.underdetermined().nearest()).extracting(NearestAlgorithm.Candidate::estimator)
                .containsExactlyInAnyOrder("ridge:lambda=0.1", "ridge-again");
        assertThat(nearest.sentence()).startsWith("Over k < d model is equally close to ")
                .contains("ridge:lambda=0.1").contains("ridge-again").contains("(their 95% intervals overlap)")
                .doesNotContain("ols (");
    }

    @Test
    void meansAndIntervalsMatchAHandWorkedCase() {
        // d = 1, n = 2: k < d is k = 0 only, k ≥ d is k = 1 only. The model predicts 0; candidate a predicts
        // (1, 2) and (3, 4) on the two episodes, so SPD/d per episode is (1, 9) at k = 0 and (4, 16) at k = 1.
        // Means 5 and 10; sample standard deviations √32 and √72; half-widths 1.96·√32/√2 = 1.96·4 and 1.96·6.
        EpisodeBatch episodes = EpisodeBatch.of(2, 2, 1, new float[4], new float[4]);
        Map<String, float[]> predictions = new LinkedHashMap<>();
        predictions.put("m", new float[] {0, 0, 0, 0});
        predictions.put("a", new float[] {1, 2, 3, 4});
        predictions.put("b", new float[] {10, 10, 10, 10});
        ComparisonResult result = new ComparisonResult(episodes, List.of("m", "a", "b"), "a", predictions, List.of());

        NearestAlgorithm nearest = NearestAlgorithm.find(result, "m", List.of("a", "b"));

        NearestAlgorithm.Candidate under = nearest.underdetermined().ranked().get(0);
        assertThat(under.estimator()).isEqualTo("a");
        assertThat(under.mean()).isCloseTo(5, within(1e-12));
        assertThat(under.halfWidth()).isCloseTo(ConfidenceIntervals.Z95 * 4, within(1e-12));
        NearestAlgorithm.Candidate over = nearest.determined().ranked().get(0);
        assertThat(over.mean()).isCloseTo(10, within(1e-12));
        assertThat(over.halfWidth()).isCloseTo(ConfidenceIntervals.Z95 * 6, within(1e-12));
        // b is at 100 on both ranges with no spread: its interval [100, 100] lies outside a's.
        assertThat(nearest.underdetermined().ranked().get(1).mean()).isEqualTo(100);
        assertThat(nearest.sentence()).isEqualTo("Over k < d m is closest to a (SPD/d 5.0 ± 7.8), over k ≥ d to a (10 ± 12).");
    }

    @Test
    void withNoPairBeyondDTheSentenceSaysSo() {
        EpisodeBatch episodes = EpisodeBatch.of(2, 2, 3, new float[12], new float[4]);
        Map<String, float[]> predictions = new LinkedHashMap<>();
        predictions.put("m", new float[4]);
        predictions.put("a", new float[4]);
        ComparisonResult result = new ComparisonResult(episodes, List.of("m", "a"), "a", predictions, List.of());

        NearestAlgorithm nearest = NearestAlgorithm.find(result, "m", List.of("a"));

        assertThat(nearest.determined().ranked()).isEmpty();
        assertThat(nearest.sentence()).endsWith("; no episode reaches k ≥ d (n ≤ d).");
    }

    @Test
    void anUnknownNameOrNoCandidateIsRefused() {
        EpisodeBatch episodes = EpisodeBatch.of(1, 1, 1, new float[1], new float[1]);
        Map<String, float[]> predictions = Map.of("m", new float[1]);
        ComparisonResult result = new ComparisonResult(episodes, List.of("m"), "m", predictions, List.of());

        assertThatThrownBy(() -> NearestAlgorithm.find(result, "x", List.of("m")))
                .hasMessageContaining("'x' is not among the compared estimators: m");
        assertThatThrownBy(() -> NearestAlgorithm.find(result, "m", List.of("m")))
                .hasMessageContaining("no reference algorithm to compare m with");
    }
}
