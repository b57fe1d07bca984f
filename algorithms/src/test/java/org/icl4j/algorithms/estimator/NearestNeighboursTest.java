package org.icl4j.algorithms.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.icl4j.api.CreationContext;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Spec;
import org.icl4j.testkit.TestEpisodes;
import org.junit.jupiter.api.Test;

class NearestNeighboursTest {

    /** One-dimensional inputs 0, 1, 3, 10 with labels 1, 2, 4, 8. */
    private static final EpisodeBatch LINE = TestEpisodes.single(new double[][] {{0}, {1}, {3}, {10}},
            new double[] {1, 2, 4, 8});

    @Test
    void uniformWeights() {
        NearestNeighbours knn = new NearestNeighbours("knn", 2, NearestNeighbours.Weights.UNIFORM);
        // k = 0: no context → 0. k = 1: one pair → its label 1. k = 2: query 3, both pairs → (1 + 2)/2.
        // k = 3: query 10, nearest 3 (distance 7) and 1 (distance 9) → (4 + 2)/2.
        assertThat(knn.predictPrefixes(LINE)).containsExactly(0f, 1f, 1.5f, 3f);
    }

    @Test
    void inverseSquaredDistanceWeights() {
        NearestNeighbours knn = new NearestNeighbours("knn", 2, NearestNeighbours.Weights.INVERSE_SQUARE);
        // k = 2: query 3, distances² 9 and 4 → (1/9 + 2/4)/(1/9 + 1/4) = (4 + 18)/(4 + 9) = 22/13.
        // k = 3: query 10, distances² 49 (label 4) and 81 (label 2) → (4·81 + 2·49)/(81 + 49) = 422/130.
        float[] predictions = knn.predictPrefixes(LINE);
        assertThat(predictions[0]).isZero();
        assertThat(predictions[1]).isEqualTo(1f);
        assertThat((double) predictions[2]).isCloseTo(22.0 / 13, within(1e-6));
        assertThat((double) predictions[3]).isCloseTo(422.0 / 130, within(1e-6));
    }

    @Test
    void zeroDistanceNeighboursTakeAllTheWeight() {
        // Context inputs 2, 2, 5 with labels 1, 3, 10; query 2 is at distance 0 from the first two.
        EpisodeBatch context = TestEpisodes.single(new double[][] {{2}, {2}, {5}}, new double[] {1, 3, 10});
        float[] query = {2f};
        NearestNeighbours weighted = new NearestNeighbours("knn", 3, NearestNeighbours.Weights.INVERSE_SQUARE);
        assertThat(weighted.predictQueries(context, 3, query, 1)).containsExactly(2f);
        NearestNeighbours uniform = new NearestNeighbours("knn", 3, NearestNeighbours.Weights.UNIFORM);
        assertThat(uniform.predictQueries(context, 3, query, 1)).containsExactly(14f / 3);
    }

    @Test
    void tiesGoToTheEarlierPair() {
        EpisodeBatch context = TestEpisodes.single(new double[][] {{-1}, {1}}, new double[] {0, 10});
        NearestNeighbours knn = new NearestNeighbours("knn", 1, NearestNeighbours.Weights.UNIFORM);
        assertThat(knn.predictQueries(context, 2, new float[] {0f}, 1)).containsExactly(0f);
    }

    @Test
    void validatesParameters() {
        NearestNeighboursFactory factory = new NearestNeighboursFactory();
        assertThatThrownBy(() -> factory.create(Spec.parse("knn:k=0"), CreationContext.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("k must be >= 1, found 0");
        assertThatThrownBy(() -> factory.create(Spec.parse("knn:weights=gaussian"), CreationContext.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weights must be uniform or inverse-square, found 'gaussian'");
        NearestNeighbours knn = (NearestNeighbours) factory.create(Spec.parse("knn:k=5,weights=inverse-square"),
                CreationContext.NONE);
        assertThat(knn.neighbours()).isEqualTo(5);
        assertThat(knn.weights()).isEqualTo(NearestNeighbours.Weights.INVERSE_SQUARE);
        assertThat(knn.name()).isEqualTo("knn:k=5,weights=inverse-square");
    }
}
