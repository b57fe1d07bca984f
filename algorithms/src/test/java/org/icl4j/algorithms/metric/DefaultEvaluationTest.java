package org.icl4j.algorithms.metric;

import static org.assertj.core.api.Assertions.assertThat;

import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.ImplicitWeights;
import org.icl4j.testkit.TestEpisodes;
import org.junit.jupiter.api.Test;

class DefaultEvaluationTest {

    /** A hand-written non-linear estimator, ŷ = 2·(x·1)³ + (number of context pairs), that counts its calls. */
    private static final class CountingCubic implements Estimator {
        int prefixCalls;
        int queryCalls;

        @Override
        public String name() {
            return "cubic";
        }

        @Override
        public float[] predictPrefixes(EpisodeBatch episodes) {
            prefixCalls++;
            int n = episodes.length();
            int d = episodes.dimension();
            float[] out = new float[episodes.batch() * n];
            for (int b = 0; b < episodes.batch(); b++) {
                for (int k = 0; k < n; k++) {
                    double sum = 0;
                    for (int j = 0; j < d; j++) {
                        sum += episodes.x(b, k, j);
                    }
                    out[b * n + k] = (float) (2 * sum * sum * sum + k);
                }
            }
            return out;
        }

        @Override
        public float[] predictQueries(EpisodeBatch episodes, int contextPairs, float[] queries, int perEpisode) {
            queryCalls++;
            return Estimator.super.predictQueries(episodes, contextPairs, queries, perEpisode);
        }
    }

    @Test
    void cachesPredictionsAndImplicitWeights() {
        EpisodeBatch episodes = TestEpisodes.gaussian(5, 4, 2, 0.0, 71);
        DefaultEvaluation evaluation = new DefaultEvaluation(episodes, 8, 1);
        CountingCubic cubic = new CountingCubic();
        float[] first = evaluation.predictions(cubic);
        assertThat(evaluation.predictions(cubic)).isSameAs(first);
        assertThat(cubic.prefixCalls).isEqualTo(1);
        ImplicitWeights weights = evaluation.implicitWeights(cubic);
        assertThat(evaluation.implicitWeights(cubic)).isSameAs(weights);
        // One predictQueries call per context length k = 0 … n-1.
        assertThat(cubic.queryCalls).isEqualTo(4);
        evaluation.implicitWeights(cubic, 16);
        assertThat(cubic.queryCalls).isEqualTo(8);
    }

    @Test
    void probeFitOfANonLinearEstimatorIsNotPerfect() {
        EpisodeBatch episodes = TestEpisodes.gaussian(5, 3, 2, 0.0, 72);
        ImplicitWeights weights = new DefaultEvaluation(episodes, 64, 2).implicitWeights(new CountingCubic());
        for (double r2 : weights.r2()) {
            assertThat(r2).isBetween(0.0, 0.999);
        }
    }

    @Test
    void allEstimatorsShareProbeInputs() {
        // Same seed → same probes, so the same estimator fit twice in two evaluations gives identical weights.
        EpisodeBatch episodes = TestEpisodes.gaussian(5, 3, 2, 0.0, 73);
        double[] a = new DefaultEvaluation(episodes, 16, 9).implicitWeights(new CountingCubic()).weights();
        double[] b = new DefaultEvaluation(episodes, 16, 9).implicitWeights(new CountingCubic()).weights();
        double[] c = new DefaultEvaluation(episodes, 16, 10).implicitWeights(new CountingCubic()).weights();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }
}
