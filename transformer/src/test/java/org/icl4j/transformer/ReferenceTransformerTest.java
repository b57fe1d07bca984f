package org.icl4j.transformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.HiddenStates;
import org.icl4j.api.Rng;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.Tokens;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.testkit.RandomCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReferenceTransformerTest {

    /** Outputs are computed in double and returned as float: 1e-6 covers the float rounding of values near 1–10. */
    private static final float FLOAT_ROUNDING = 1e-6f;

    private static double gelu(double z) {
        return 0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z * z * z)));
    }

    /** LayerNorm of the 2-vector (a, b), first component: ((a − b)/2) / sqrt(((a − b)/2)² + ε). */
    private static double layerNormFirst(double a, double b) {
        double half = (a - b) / 2;
        return half / Math.sqrt(half * half + 1e-5);
    }

    /** Episode x0 = 1, y0 = 3, x1 = 2, y1 = 9 (y1 is never read). */
    private static final EpisodeBatch EPISODE = EpisodeBatch.of(1, 2, 1, new float[] {1, 2}, new float[] {3, 9});

    @Test
    void computesAHandWorkedPlainBlock() {
        TransformerConfig config = new TransformerConfig(1, 2, 1, 2, 1, 1, 1, BlockVariant.PLAIN, Activation.GELU_TANH, 1e-5);
        Map<String, Tensor> weights = RandomCheckpoints.zeros(config);
        RandomCheckpoints.set(weights, "input.weight", 1, 0, 0, 1); // h = token: channel 0 carries y, channel 1 carries x
        RandomCheckpoints.set(weights, "blocks.0.attention.query.weight", 0, 1); // q = x
        RandomCheckpoints.set(weights, "blocks.0.attention.key.weight", 0, 1); // k = x
        RandomCheckpoints.set(weights, "blocks.0.attention.value.weight", 1, 0); // v = y
        RandomCheckpoints.set(weights, "blocks.0.attention.output.weight", 1, 0); // write into channel 0
        RandomCheckpoints.set(weights, "blocks.0.mlp.fc1.weight", 1, 0);
        RandomCheckpoints.set(weights, "blocks.0.mlp.fc1.bias", 0.5f);
        RandomCheckpoints.set(weights, "blocks.0.mlp.fc2.weight", 2, 0);
        RandomCheckpoints.set(weights, "readout.weight", 1, 0);
        RandomCheckpoints.set(weights, "readout.bias", 0.25f);
        ReferenceTransformer model = new ReferenceTransformer(config, weights);

        float[] predictions = model.predictPrefixes(EPISODE);

        // Token 0 = [0, 1] attends only to itself (value 0); the MLP adds 2·gelu(0 + 0.5).
        assertThat(predictions[0]).isCloseTo((float) (2 * gelu(0.5) + 0.25), within(FLOAT_ROUNDING));
        // Token 2 = [0, 2]: scores x1·x_u = [2, 0, 4] over tokens [0,1], [3,0], [0,2]; values [0, 3, 0].
        double attended = 3 / (Math.exp(2) + 1 + Math.exp(4));
        assertThat(predictions[1]).isCloseTo((float) (attended + 2 * gelu(attended + 0.5) + 0.25), within(FLOAT_ROUNDING));

        HiddenStates hidden = model.hiddenStates(EPISODE);
        assertThat(hidden.layers()).isEqualTo(2);
        assertThat(hidden.tokens()).isEqualTo(3);
        assertThat(Arrays.copyOfRange(hidden.values(), hidden.offset(0, 0, 1), hidden.offset(0, 0, 1) + 2))
                .containsExactly(3, 0);
        assertThat(hidden.values()[hidden.offset(1, 0, 0)]).isCloseTo((float) (2 * gelu(0.5)), within(FLOAT_ROUNDING));
        assertThat(hidden.values()[hidden.offset(1, 0, 0) + 1]).isEqualTo(1f);
    }

    @Test
    void splitsHeadsAndScalesScoresBySqrtHeadSize() {
        TransformerConfig config = new TransformerConfig(1, 2, 1, 2, 2, 2, 1, BlockVariant.PLAIN, Activation.RELU, 1e-5);
        Map<String, Tensor> weights = RandomCheckpoints.zeros(config);
        RandomCheckpoints.set(weights, "input.weight", 1, 0, 0, 1);
        // Head 0 (features 0, 1): q = k = (x, x); head 1 (features 2, 3): q = k = 0, i.e. uniform attention.
        RandomCheckpoints.set(weights, "blocks.0.attention.query.weight", 0, 1, 0, 1, 0, 0, 0, 0);
        RandomCheckpoints.set(weights, "blocks.0.attention.key.weight", 0, 1, 0, 1, 0, 0, 0, 0);
        RandomCheckpoints.set(weights, "blocks.0.attention.value.weight", 1, 0, 0, 0, 1, 0, 0, 0);
        // Head 0's first feature goes to channel 0, head 1's first feature to channel 1.
        RandomCheckpoints.set(weights, "blocks.0.attention.output.weight", 1, 0, 0, 0, 0, 0, 1, 0);
        RandomCheckpoints.set(weights, "readout.weight", 1, 1);
        ReferenceTransformer model = new ReferenceTransformer(config, weights);

        float[] predictions = model.predictPrefixes(EPISODE);

        // Token 0: both heads see only value 0; the residual keeps x0 = 1 in channel 1.
        assertThat(predictions[0]).isCloseTo(1f, within(FLOAT_ROUNDING));
        // Token 2: head 0 scores (x1·x_u + x1·x_u)/sqrt(2) = sqrt(2)·[2, 0, 4]; head 1 averages [0, 3, 0].
        double root2 = Math.sqrt(2);
        double head0 = 3 / (Math.exp(2 * root2) + 1 + Math.exp(4 * root2));
        assertThat(predictions[1]).isCloseTo((float) (head0 + 2 + 1), within(FLOAT_ROUNDING));
    }

    @ParameterizedTest
    @EnumSource(BlockVariant.class)
    void placesLayerNormsAsEachBlockVariantSays(BlockVariant block) {
        TransformerConfig config = new TransformerConfig(1, 1, 1, 2, 1, 1, 1, block, Activation.GELU_TANH, 1e-5);
        Map<String, Tensor> weights = RandomCheckpoints.zeros(config);
        config.tensorShapes().keySet().stream().filter(name -> name.contains("norm") && name.endsWith("weight"))
                .forEach(name -> RandomCheckpoints.set(weights, name, 1, 1));
        RandomCheckpoints.set(weights, "input.weight", 1, 0, 0, 1);
        RandomCheckpoints.set(weights, "blocks.0.attention.output.bias", 3, 0); // Attn(·) = [3, 0]; the MLP is 0
        RandomCheckpoints.set(weights, "readout.weight", 1, 0);
        ReferenceTransformer model = new ReferenceTransformer(config, weights);

        float prediction = model.predictPrefixes(EpisodeBatch.of(1, 1, 1, new float[] {1}, new float[] {5}))[0];

        // Token [0, 1]. authors: x = LN1 = [f, −f], f = LN([0,1])₀; x + Attn = [f + 3, −f]; LN2; readout.
        double f = layerNormFirst(0, 1);
        double expected = switch (block) {
            case AUTHORS -> layerNormFirst(f + 3, -f);
            case PRE_LN -> layerNormFirst(3, 1); // h + Attn = [3, 1], final LN
            case PLAIN, PLAIN_MLP_NORM -> 3; // the MLP is 0, with or without LN2 before it
        };
        assertThat(prediction).isCloseTo((float) expected, within(FLOAT_ROUNDING));
    }

    private static EpisodeBatch randomEpisodes(int batch, int length, int d, long seed) {
        Rng random = new Rng(seed);
        float[] xs = new float[batch * length * d];
        float[] ys = new float[batch * length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = (float) random.nextGaussian();
        }
        return EpisodeBatch.of(batch, length, d, xs, ys);
    }

    @ParameterizedTest
    @EnumSource(BlockVariant.class)
    void isCausalAndBatchIndependent(BlockVariant block) {
        TransformerConfig config = new TransformerConfig(3, 6, 2, 8, 2, 4, 16, block, Activation.GELU_TANH, 1e-5);
        ReferenceTransformer model = new ReferenceTransformer(config, RandomCheckpoints.random(config, 7, 0.5));
        EpisodeBatch episodes = randomEpisodes(2, 6, 3, 11);
        float[] predictions = model.predictPrefixes(episodes);

        for (int k = 0; k < 6; k++) {
            // Change pairs k … n−1 of episode 0: predictions 0 … k must not move (prediction k reads x_k only).
            float[] xs = episodes.xs().clone();
            float[] ys = episodes.ys().clone();
            for (int j = k; j < 6; j++) {
                ys[j] += 10;
                if (j > k) {
                    for (int c = 0; c < 3; c++) {
                        xs[j * 3 + c] -= 5;
                    }
                }
            }
            float[] changed = model.predictPrefixes(EpisodeBatch.of(2, 6, 3, xs, ys));
            assertThat(Arrays.copyOfRange(changed, 0, k + 1)).containsExactly(Arrays.copyOfRange(predictions, 0, k + 1));
            assertThat(Arrays.copyOfRange(changed, 6, 12)).containsExactly(Arrays.copyOfRange(predictions, 6, 12));
            if (k < 5) {
                assertThat(changed[k + 1]).as("a later prediction does depend on the change").isNotEqualTo(predictions[k + 1]);
            }
        }
        float[] alone = model.predictPrefixes(episodes.slice(1, 2));
        assertThat(alone).containsExactly(Arrays.copyOfRange(predictions, 6, 12));
    }

    @Test
    void padsNarrowEpisodesWithZeroFeaturesAndRefusesLongOnes() {
        TransformerConfig config = new TransformerConfig(3, 4, 1, 8, 2, 4, 16, BlockVariant.AUTHORS, Activation.GELU_TANH, 1e-5);
        ReferenceTransformer model = new ReferenceTransformer(config, RandomCheckpoints.random(config, 3, 0.5));
        EpisodeBatch narrow = randomEpisodes(1, 4, 2, 5);
        float[] padded = new float[4 * 3];
        for (int k = 0; k < 4; k++) {
            padded[k * 3] = narrow.x(0, k, 0);
            padded[k * 3 + 1] = narrow.x(0, k, 1);
        }

        assertThat(model.predictPrefixes(narrow))
                .containsExactly(model.predictPrefixes(EpisodeBatch.of(1, 4, 3, padded, narrow.ys())));
        assertThatThrownBy(() -> model.predictPrefixes(randomEpisodes(1, 5, 3, 1)))
                .hasMessage("episodes have 5 pairs but the model reads at most 4");
        assertThatThrownBy(() -> model.predictPrefixes(randomEpisodes(1, 2, 4, 1)))
                .hasMessage("episodes have dimension 4 but the model reads at most 3");
    }

    @Test
    void hiddenStatesEndWhereTheReadoutReads() {
        TransformerConfig config = new TransformerConfig(2, 3, 2, 4, 1, 4, 8, BlockVariant.AUTHORS, Activation.GELU_TANH, 1e-5);
        Map<String, Tensor> weights = RandomCheckpoints.random(config, 9, 0.4);
        ReferenceTransformer model = new ReferenceTransformer(config, weights);
        EpisodeBatch episodes = randomEpisodes(2, 3, 2, 4);

        HiddenStates hidden = model.hiddenStates(episodes);
        float[] predictions = model.predictPrefixes(episodes);

        float[] readout = weights.get("readout.weight").values();
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 3; i++) {
                int offset = hidden.offset(2, b, 2 * i);
                double expected = weights.get("readout.bias").values()[0];
                for (int j = 0; j < 4; j++) {
                    expected += readout[j] * hidden.values()[offset + j];
                }
                // The hidden states are float-rounded before this recomputation: 1e-5 absolute.
                assertThat(predictions[b * 3 + i]).isCloseTo((float) expected, within(1e-5f));
            }
        }
    }

    @Test
    void tokenisesPairsAsThePaperSays() {
        EpisodeBatch episodes = EpisodeBatch.of(1, 2, 2, new float[] {1, 2, 3, 4}, new float[] {5, 6});

        float[] tokens = Tokens.encode(episodes, 3);

        // [0, x0, 0-pad], [y0, 0, 0, 0], [0, x1, 0-pad]; the last label token is dropped.
        assertThat(tokens).containsExactly(0, 1, 2, 0, 5, 0, 0, 0, 0, 3, 4, 0);
    }
}
