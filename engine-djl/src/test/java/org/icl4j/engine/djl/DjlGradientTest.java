package org.icl4j.engine.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.Tokens;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.testkit.RandomCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DjlGradientTest {

    /**
     * Central differences in float64 with step 1e-5 have truncation error ~1e-10 and rounding error ~1e-11 on a
     * loss of order 1; 1e-6 (relative to max(1, |g|)) separates a correct gradient from any wrong one.
     */
    private static final double GRADIENT_TOLERANCE = 1e-6;
    private static final double STEP = 1e-5;

    private static double loss(DjlTransformer model, NDManager root, EpisodeBatch episodes) {
        try (NDManager scope = root.newSubManager()) {
            return DjlTransformer.loss(model.forward(scope, tokens(model, scope, episodes), null), labels(scope, episodes))
                    .getDouble();
        }
    }

    private static NDArray tokens(DjlTransformer model, NDManager scope, EpisodeBatch episodes) {
        return model.tokens(scope, Tokens.encode(episodes, model.config().dimension()), episodes.batch(),
                TransformerConfig.tokens(episodes.length()));
    }

    private static NDArray labels(NDManager scope, EpisodeBatch episodes) {
        return scope.create(episodes.ys(), new Shape(episodes.batch(), episodes.length())).toType(DataType.FLOAT64, false);
    }

    @ParameterizedTest
    @EnumSource(BlockVariant.class)
    void backpropagationMatchesFiniteDifferences(BlockVariant block) {
        checkGradients(block, Activation.GELU_TANH);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backpropagationMatchesFiniteDifferencesForEveryActivation(Activation activation) {
        checkGradients(BlockVariant.PRE_LN, activation);
    }

    private static void checkGradients(BlockVariant block, Activation activation) {
        TransformerConfig config = new TransformerConfig(2, 3, 1, 4, 2, 2, 8, block, activation, 1e-5);
        Map<String, Tensor> weights = RandomCheckpoints.random(config, 3, 0.5);
        EpisodeBatch episodes = RandomCheckpoints.episodes(2, 3, 2, 5);
        try (NDManager root = NDManager.newBaseManager(Device.cpu());
                DjlTransformer model = new DjlTransformer(config, weights, root, Device.cpu(), DataType.FLOAT64)) {
            model.requireGradients();
            try (NDManager scope = root.newSubManager();
                    GradientCollector collector = DjlDevices.engine().newGradientCollector()) {
                NDArray loss = DjlTransformer.loss(model.forward(scope, tokens(model, scope, episodes), null),
                        labels(scope, episodes));
                collector.backward(loss);
            }
            List<String> checked = block.hasBlockNorms()
                    ? List.of("blocks.0.norm1.weight", "blocks.0.attention.query.weight", "blocks.0.attention.key.bias",
                            "blocks.0.attention.value.weight", "blocks.0.norm2.bias", "blocks.0.mlp.fc1.weight",
                            "position.weight", "input.weight")
                    : List.of("blocks.0.attention.query.weight", "blocks.0.attention.key.bias",
                            "blocks.0.attention.value.weight", "blocks.0.mlp.fc1.weight", "blocks.0.mlp.fc2.bias",
                            "position.weight", "input.weight");
            for (String name : checked) {
                NDArray parameter = model.parameters().get(name);
                double[] analytic;
                try (NDArray gradient = parameter.getGradient()) {
                    analytic = gradient.toDoubleArray();
                }
                double[] values = parameter.toDoubleArray();
                // Three entries per tensor: first, middle, last.
                for (int index : new int[] {0, values.length / 2, values.length - 1}) {
                    double original = values[index];
                    values[index] = original + STEP;
                    parameter.set(values);
                    double plus = loss(model, root, episodes);
                    values[index] = original - STEP;
                    parameter.set(values);
                    double minus = loss(model, root, episodes);
                    values[index] = original;
                    parameter.set(values);
                    double numeric = (plus - minus) / (2 * STEP);
                    assertThat(analytic[index]).as("d loss / d %s[%d]", name, index)
                            .isCloseTo(numeric, within(GRADIENT_TOLERANCE * Math.max(1, Math.abs(numeric))));
                }
            }
        }
    }

    @Test
    void lossIsTheMeanSquaredErrorOverAllPrefixesReadAtTheXTokens() {
        // d = 1, H = 2: the embedding copies the token, the block adds nothing (zero weights; gelu(0) = 0), and the
        // readout reads the x channel, so the prediction at token 2i is x_i itself.
        TransformerConfig config = new TransformerConfig(1, 3, 1, 2, 1, 1, 1, BlockVariant.PLAIN, Activation.GELU_TANH, 1e-5);
        Map<String, Tensor> weights = new java.util.LinkedHashMap<>();
        config.tensorShapes().forEach((name, shape) -> weights.put(name, Tensor.zeros(shape)));
        weights.put("input.weight", Tensor.of(new float[] {1, 0, 0, 1}, 2, 2));
        weights.put("readout.weight", Tensor.of(new float[] {0, 1}, 1, 2));
        EpisodeBatch episode = EpisodeBatch.of(1, 3, 1, new float[] {1, 2, 3}, new float[] {0, 0, 1});
        try (NDManager root = NDManager.newBaseManager(Device.cpu());
                DjlTransformer model = new DjlTransformer(config, weights, root, Device.cpu(), DataType.FLOAT32);
                NDManager scope = root.newSubManager()) {
            NDArray outputs = model.forward(scope, model.tokens(scope, Tokens.encode(episode, 1), 1, 5), null);

            // Tokens [0,1], [0,0]+y0, [0,2], [y1,0], [0,3]: readouts x at x tokens, 0 at label tokens.
            assertThat(outputs.toFloatArray()).containsExactly(1, 0, 2, 0, 3);
            assertThat(DjlTransformer.predictions(outputs).toFloatArray()).containsExactly(1, 2, 3);
            NDArray labels = scope.create(episode.ys(), new Shape(1, 3));
            // ((1 − 0)² + (2 − 0)² + (3 − 1)²) / 3 = 3, prefix k = 0 included.
            assertThat(DjlTransformer.loss(outputs, labels).getFloat()).isEqualTo(3f);
        }
    }
}
