package org.icl4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.LinearEstimator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Estimator} must meet (see its Javadoc). Each implementation runs it through a small
 * subclass that says how to create the estimator; modules outside {@code algorithms} get this class from the
 * algorithms test-jar ({@code <type>test-jar</type><scope>test</scope>}).
 *
 * <p>Causality is tested in the API's sense: prediction k is made for the query x_k from pairs {@code 0 … k-1},
 * so it must not change when labels at positions ≥ k or inputs at positions &gt; k change.
 */
public abstract class EstimatorContractTest {

    /** Episodes in the batch-level tests; large enough that reference algorithms split the batch over threads. */
    private static final int BATCH = 400;

    private Estimator estimator;

    /**
     * @param dimension the input width of the episodes it will see
     * @return a fresh estimator under test (closed by the test)
     */
    protected abstract Estimator createEstimator(int dimension);

    /** @return input width of the test episodes */
    protected int dimension() {
        return 3;
    }

    /** @return pairs per test episode */
    protected int pairs() {
        return 10;
    }

    /**
     * Tolerance for predictions that should agree but are computed along different paths (a query against a
     * context versus the same position of a prefix), relative to 1 + |value|. Exact reference algorithms
     * could use 0; the default allows float rounding (about 6e-8 relative) of a few operations.
     *
     * @return the tolerance
     */
    protected double tolerance() {
        return 1e-6;
    }

    @BeforeEach
    void createUnderTest() {
        estimator = createEstimator(dimension());
    }

    @AfterEach
    void closeUnderTest() {
        estimator.close();
    }

    /**
     * Random episodes: x ~ N(0, I), y = w·x + 0.1·N(0, 1) with w ~ N(0, I) per episode.
     *
     * @param batch episodes
     * @param seed the seed
     * @return the episodes
     */
    protected EpisodeBatch episodes(int batch, long seed) {
        return TestEpisodes.gaussian(batch, pairs(), dimension(), 0.1, seed);
    }

    @Test
    void returnsOnePredictionPerPrefix() {
        EpisodeBatch episodes = episodes(5, 1);
        float[] predictions = estimator.predictPrefixes(episodes);
        assertThat(predictions).hasSize(5 * pairs());
        for (float prediction : predictions) {
            assertThat(Float.isFinite(prediction)).as("prediction is finite").isTrue();
        }
    }

    @Test
    void predictionAtKIgnoresLaterPairs() {
        EpisodeBatch episodes = episodes(4, 2);
        EpisodeBatch other = episodes(4, 3);
        float[] reference = estimator.predictPrefixes(episodes);
        int n = pairs();
        int d = dimension();
        for (int k = 0; k < n; k++) {
            float[] xs = episodes.xs().clone();
            float[] ys = episodes.ys().clone();
            for (int b = 0; b < 4; b++) {
                for (int j = k; j < n; j++) {
                    ys[b * n + j] = other.ys()[b * n + j] * 3 + 1;
                    if (j > k) {
                        System.arraycopy(other.xs(), (b * n + j) * d, xs, (b * n + j) * d, d);
                    }
                }
            }
            float[] changed = estimator.predictPrefixes(EpisodeBatch.of(4, n, d, xs, ys));
            for (int b = 0; b < 4; b++) {
                for (int j = 0; j <= k; j++) {
                    assertThat(changed[b * n + j])
                            .as("prediction %d of episode %d after changing labels from %d and inputs after %d", j, b, k, k)
                            .isEqualTo(reference[b * n + j]);
                }
            }
        }
    }

    @Test
    void episodesDoNotInfluenceEachOther() {
        EpisodeBatch episodes = episodes(BATCH, 4);
        int n = pairs();
        float[] together = estimator.predictPrefixes(episodes);
        for (int b : new int[] {0, 1, BATCH / 2, BATCH - 1}) {
            float[] alone = estimator.predictPrefixes(episodes.slice(b, b + 1));
            for (int k = 0; k < n; k++) {
                assertThat(alone[k]).as("episode %d, prefix %d alone vs in a batch", b, k).isEqualTo(together[b * n + k]);
            }
        }
        EpisodeBatch replaced = episodes(BATCH, 5);
        float[] xs = replaced.xs().clone();
        float[] ys = replaced.ys().clone();
        int keep = BATCH / 3;
        System.arraycopy(episodes.xs(), episodes.xOffset(keep, 0), xs, episodes.xOffset(keep, 0), n * dimension());
        System.arraycopy(episodes.ys(), keep * n, ys, keep * n, n);
        float[] mixed = estimator.predictPrefixes(EpisodeBatch.of(BATCH, n, dimension(), xs, ys));
        for (int k = 0; k < n; k++) {
            assertThat(mixed[keep * n + k]).as("episode %d, prefix %d with other episodes replaced", keep, k)
                    .isEqualTo(together[keep * n + k]);
        }
    }

    @Test
    void isDeterministic() {
        EpisodeBatch episodes = episodes(BATCH, 6);
        assertThat(estimator.predictPrefixes(episodes)).containsExactly(estimator.predictPrefixes(episodes));
    }

    @Test
    void queriesAgainstAContextMatchThePrefixPrediction() {
        EpisodeBatch episodes = episodes(6, 7);
        int n = pairs();
        int d = dimension();
        float[] prefixes = estimator.predictPrefixes(episodes);
        for (int k = 0; k < n; k++) {
            // Two queries per episode: x_k itself and x_k again, so both must equal prediction k.
            float[] queries = new float[6 * 2 * d];
            for (int b = 0; b < 6; b++) {
                System.arraycopy(episodes.xs(), episodes.xOffset(b, k), queries, (b * 2) * d, d);
                System.arraycopy(episodes.xs(), episodes.xOffset(b, k), queries, (b * 2 + 1) * d, d);
            }
            float[] answers = estimator.predictQueries(episodes, k, queries, 2);
            assertThat(answers).hasSize(12);
            for (int b = 0; b < 6; b++) {
                double expected = prefixes[b * n + k];
                double allowed = tolerance() * (1 + Math.abs(expected));
                assertThat((double) answers[b * 2]).as("query x_%d of episode %d", k, b).isCloseTo(expected,
                        org.assertj.core.data.Offset.offset(allowed));
                assertThat((double) answers[b * 2 + 1]).as("repeated query x_%d of episode %d", k, b)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(allowed));
            }
        }
    }

    @Test
    void queriesAgainstTheWholeEpisodeAreAllowed() {
        EpisodeBatch episodes = episodes(3, 8);
        float[] queries = new float[3 * 4 * dimension()];
        assertThat(estimator.predictQueries(episodes, pairs(), queries, 4)).hasSize(12);
    }

    @Test
    void queriesWithBadShapesAreRejected() {
        EpisodeBatch episodes = episodes(3, 9);
        int d = dimension();
        float[] queries = new float[3 * 2 * d];
        assertThatThrownBy(() -> estimator.predictQueries(episodes, -1, queries, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contextPairs");
        assertThatThrownBy(() -> estimator.predictQueries(episodes, pairs() + 1, queries, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contextPairs");
        assertThatThrownBy(() -> estimator.predictQueries(episodes, 1, new float[3 * 2 * d + 1], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queries");
        assertThatThrownBy(() -> estimator.predictQueries(episodes, 1, queries, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queries");
        assertThatThrownBy(() -> estimator.predictQueries(episodes, 1, new float[0], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queries");
    }

    @Test
    void linearEstimatorsPredictWithTheirWeights() {
        if (!(estimator instanceof LinearEstimator linear)) {
            return;
        }
        EpisodeBatch episodes = episodes(5, 10);
        int n = pairs();
        int d = dimension();
        double[] weights = linear.prefixWeights(episodes);
        assertThat(weights).hasSize(5 * n * d);
        float[] predictions = estimator.predictPrefixes(episodes);
        for (int r = 0; r < 5 * n; r++) {
            double expected = 0;
            for (int j = 0; j < d; j++) {
                expected += weights[r * d + j] * episodes.xs()[r * d + j];
            }
            assertThat((double) predictions[r]).as("prediction %d = w·x", r)
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance() * (1 + Math.abs(expected))));
        }
    }
}
