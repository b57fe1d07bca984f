package org.icl4j.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.api.Rng;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.testkit.RandomCheckpoints;
import org.icl4j.transformer.ReferenceTransformer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The one-sequence-per-context query route of {@link DjlTransformer#predictQueries} against the api's default
 * route (one sequence "context, query" per query) run by the independent double-precision
 * {@link ReferenceTransformer}.
 */
class DjlQueriesTest {

    /** float32 against the double reference, as in DjlTransformerTest: rounding is ~1e-6 for O(1) outputs. */
    private static final double PARITY = 1e-4;
    private static final int MAX_PAIRS = 6;

    /** The api's default predictQueries on top of the reference's prefix predictions. */
    private static Estimator defaultRoute(ReferenceTransformer reference) {
        return new Estimator() {
            @Override
            public String name() {
                return "reference";
            }

            @Override
            public float[] predictPrefixes(EpisodeBatch episodes) {
                return reference.predictPrefixes(episodes);
            }
        };
    }

    private static float[] gaussians(int count, long seed) {
        Rng random = new Rng(seed);
        float[] values = new float[count];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @ParameterizedTest
    @EnumSource(value = BlockVariant.class, names = {"AUTHORS", "PRE_LN"})
    void oneSequencePerContextEqualsOneSequencePerQuery(BlockVariant block) {
        int modelDimension = 3;
        TransformerConfig config = new TransformerConfig(modelDimension, MAX_PAIRS, 2, 8, 2, 4, 16, block,
                Activation.GELU_TANH, 1e-5);
        Map<String, Tensor> weights = RandomCheckpoints.random(config, 11, 0.3);
        ReferenceTransformer reference = new ReferenceTransformer(config, weights);
        Estimator expected = defaultRoute(reference);
        // 70 episodes: more than one pass of DjlTransformer.CHUNK; d = 2 < 3 exercises the zero-padded features.
        int batch = 70;
        int d = 2;
        int m = 5;
        EpisodeBatch episodes = RandomCheckpoints.episodes(batch, MAX_PAIRS - 1, d, 3);
        float[] queries = gaussians(batch * m * d, 4);

        try (NDManager root = NDManager.newBaseManager(Device.cpu());
                DjlTransformer model = new DjlTransformer(config, weights, root, Device.cpu(), DataType.FLOAT32)) {
            for (int k : new int[] {0, 1, 3, MAX_PAIRS - 1}) {
                float[] actual = model.predictQueries(episodes, k, queries, m);
                float[] wanted = expected.predictQueries(episodes, k, queries, m);

                assertThat(actual).as("k = %d", k).hasSize(batch * m);
                for (int i = 0; i < actual.length; i++) {
                    assertThat((double) actual[i]).as("k = %d, query %d", k, i).isCloseTo(wanted[i], within(PARITY));
                }
            }
            float[] one = gaussians(batch * d, 5);
            float[] single = model.predictQueries(episodes, 2, one, 1);
            float[] singleWanted = expected.predictQueries(episodes, 2, one, 1);
            for (int i = 0; i < batch; i++) {
                assertThat((double) single[i]).as("m = 1, episode %d", i).isCloseTo(singleWanted[i], within(PARITY));
            }

            assertThatThrownBy(() -> model.predictQueries(episodes, MAX_PAIRS, queries, m))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contextPairs must be in 0 … 5");
            EpisodeBatch full = RandomCheckpoints.episodes(2, MAX_PAIRS, d, 6);
            assertThatThrownBy(() -> model.predictQueries(full, MAX_PAIRS, new float[2 * d], 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 6 pairs");
            assertThatThrownBy(() -> model.predictQueries(episodes, 1, new float[3], m))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queries must have shape [70, 5, 2]");
        }
    }
}
