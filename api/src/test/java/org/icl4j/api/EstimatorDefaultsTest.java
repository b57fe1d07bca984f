package org.icl4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EstimatorDefaultsTest {

    /** Predicts the sum of all labels before position k (a causal, non-linear-in-general rule). */
    private static final class SumOfLabels implements Estimator {
        @Override
        public String name() {
            return "sum";
        }

        @Override
        public float[] predictPrefixes(EpisodeBatch episodes) {
            float[] out = new float[episodes.batch() * episodes.length()];
            for (int b = 0; b < episodes.batch(); b++) {
                float sum = 0;
                for (int k = 0; k < episodes.length(); k++) {
                    out[b * episodes.length() + k] = sum + 1000 * episodes.x(b, k, 0);
                    sum += episodes.y(b, k);
                }
            }
            return out;
        }
    }

    @Test
    void queriesSeeExactlyTheContextPairs() {
        // Episode 0 labels 1, 2, 3; episode 1 labels 10, 20, 30. Context of 2 pairs: sums 3 and 30.
        EpisodeBatch episodes = EpisodeBatch.of(2, 3, 1, new float[6], new float[] {1, 2, 3, 10, 20, 30});
        float[] queries = {1, 2, 3, 4}; // [B = 2, m = 2, d = 1]
        float[] predictions = new SumOfLabels().predictQueries(episodes, 2, queries, 2);
        assertThat(predictions).containsExactly(1003f, 2003f, 3030f, 4030f);
        assertThat(new SumOfLabels().predictQueries(episodes, 0, queries, 2)).containsExactly(1000f, 2000f, 3000f, 4000f);
    }

    @Test
    void queriesRejectBadShapes() {
        EpisodeBatch episodes = EpisodeBatch.of(2, 3, 1, new float[6], new float[6]);
        assertThatThrownBy(() -> new SumOfLabels().predictQueries(episodes, 2, new float[3], 2))
                .hasMessageContaining("queries must have shape [2, 2, 1]");
        assertThatThrownBy(() -> new SumOfLabels().predictQueries(episodes, 4, new float[4], 2))
                .hasMessage("contextPairs must be in 0 … 3, found 4");
    }

    @Test
    void linearEstimatorPredictsWeightsDotInputs() {
        LinearEstimator constant = new LinearEstimator() {
            @Override
            public String name() {
                return "constant";
            }

            @Override
            public double[] prefixWeights(EpisodeBatch episodes) {
                double[] w = new double[episodes.batch() * episodes.length() * episodes.dimension()];
                for (int r = 0; r < episodes.batch() * episodes.length(); r++) {
                    w[r * 2] = 2;
                    w[r * 2 + 1] = -1;
                }
                return w;
            }
        };
        EpisodeBatch episodes = EpisodeBatch.of(1, 2, 2, new float[] {1, 1, 3, 5}, new float[2]);
        assertThat(constant.predictPrefixes(episodes)).containsExactly(1f, 1f);
    }

    @Test
    void gaussianPriorGivesBayesLambda() {
        assertThat(new GaussianPrior(0.5, 0.75).bayesLambda()).isEqualTo(0.25 / 0.5625);
        assertThatThrownBy(() -> new GaussianPrior(0.5, 0)).hasMessage("weightScale must be > 0 and finite, found 0.0");
    }
}
