package org.icl4j.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.HeadSizeConvention;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.Tokens;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.testkit.RandomCheckpoints;
import org.icl4j.transformer.ReferenceTransformer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DjlTransformerTest {

    /**
     * float32 forward against the double-precision reference: with weights of scale 0.3 and 3 layers, outputs are
     * O(1) and float32 rounding accumulates to ~1e-6; 1e-4 leaves a wide margin while catching any wrong operation.
     */
    private static final double PARITY = 1e-4;

    static Stream<Arguments> variants() {
        List<Arguments> cases = new ArrayList<>();
        for (BlockVariant block : BlockVariant.values()) {
            for (HeadSizeConvention convention : HeadSizeConvention.values()) {
                for (Activation activation : Activation.values()) {
                    cases.add(Arguments.of(block, convention, activation));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void forwardMatchesTheReferenceTransformer(BlockVariant block, HeadSizeConvention convention, Activation activation) {
        int hidden = 8;
        int heads = 2;
        TransformerConfig config = new TransformerConfig(3, 5, 3, hidden, heads, convention.headSize(hidden, heads),
                12, block, activation, 1e-5);
        Map<String, Tensor> weights = RandomCheckpoints.random(config, 42, 0.3);
        EpisodeBatch episodes = RandomCheckpoints.episodes(4, 5, 3, 7);
        ReferenceTransformer reference = new ReferenceTransformer(config, weights);
        int count = TransformerConfig.tokens(5);

        try (NDManager root = NDManager.newBaseManager(Device.cpu());
                DjlTransformer model = new DjlTransformer(config, weights, root, Device.cpu(), DataType.FLOAT32);
                NDManager scope = root.newSubManager()) {
            List<NDArray> hidden1 = new ArrayList<>();
            NDArray outputs = model.forward(scope,
                    model.tokens(scope, Tokens.encode(episodes, 3), 4, count), hidden1);
            float[] out = outputs.toFloatArray();
            float[] predictions = DjlTransformer.predictions(outputs).toFloatArray();
            float[] expectedPredictions = reference.predictPrefixes(episodes);
            var expectedHidden = reference.hiddenStates(episodes);

            assertThat(outputs.getShape().getShape()).containsExactly(4, count);
            assertThat(predictions.length).isEqualTo(20);
            for (int i = 0; i < predictions.length; i++) {
                assertThat((double) predictions[i]).isCloseTo(expectedPredictions[i], within(PARITY));
            }
            assertThat(hidden1).hasSize(4);
            for (int l = 0; l < 4; l++) {
                float[] values = hidden1.get(l).toFloatArray();
                for (int b = 0; b < 4; b++) {
                    for (int t = 0; t < count; t++) {
                        for (int j = 0; j < hidden; j++) {
                            assertThat((double) values[(b * count + t) * hidden + j]).isCloseTo(
                                    expectedHidden.values()[expectedHidden.offset(l, b, t) + j], within(PARITY));
                        }
                    }
                }
            }
            assertThat(out.length).isEqualTo(4 * count);
        }
    }
}
