package org.icl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.HiddenStateEstimator;
import org.icl4j.api.HiddenStates;
import org.icl4j.engine.djl.DjlEngine;
import org.icl4j.engine.onnx.OnnxEstimator;
import org.icl4j.engine.onnx.OnnxOptions;
import org.icl4j.engine.onnx.export.OnnxExporter;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.HeadSizeConvention;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.testkit.RandomCheckpoints;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same checkpoint in DJL + PyTorch and, exported, in ONNX Runtime: predictions and hidden states agree for
 * every block variant and head-size convention, on several episode lengths.
 */
class OnnxDjlParityTest {

    /**
     * The bound. Both engines compute in float32 with different kernels (summation orders, fused GeLU
     * and LayerNorm); through two layers of unit-scale activations they differ by ~1e-6.
     */
    private static final double PARITY = 1e-4;

    @TempDir
    Path temp;

    static Stream<Arguments> architectures() {
        return Stream.of(
                Arguments.of(BlockVariant.AUTHORS, HeadSizeConvention.STANDARD, Activation.GELU_TANH),
                Arguments.of(BlockVariant.AUTHORS, HeadSizeConvention.AUTHORS, Activation.GELU_TANH),
                Arguments.of(BlockVariant.PRE_LN, HeadSizeConvention.STANDARD, Activation.GELU_TANH),
                Arguments.of(BlockVariant.PRE_LN, HeadSizeConvention.AUTHORS, Activation.GELU_TANH),
                Arguments.of(BlockVariant.PRE_LN, HeadSizeConvention.STANDARD, Activation.GELU),
                Arguments.of(BlockVariant.PLAIN, HeadSizeConvention.STANDARD, Activation.RELU),
                Arguments.of(BlockVariant.PLAIN, HeadSizeConvention.AUTHORS, Activation.GELU_TANH),
                Arguments.of(BlockVariant.PLAIN_MLP_NORM, HeadSizeConvention.STANDARD, Activation.GELU_TANH));
    }

    @ParameterizedTest(name = "{0} block, {1} head size, {2}")
    @MethodSource("architectures")
    void djlAndOnnxRuntimeAgree(BlockVariant block, HeadSizeConvention convention, Activation activation)
            throws Exception {
        int hidden = 16;
        int heads = 2;
        TransformerConfig config = new TransformerConfig(3, 10, 2, hidden, heads, convention.headSize(hidden, heads),
                4 * hidden, block, activation, TransformerConfig.DEFAULT_LAYER_NORM_EPSILON);
        Path checkpoint = RandomCheckpoints.write(temp.resolve("checkpoint"), config, block.ordinal() * 7L + convention.ordinal());
        byte[] onnxModel = OnnxExporter.export(checkpoint, true);
        try (HiddenStateEstimator djl = (HiddenStateEstimator) new DjlEngine().load(checkpoint);
             HiddenStateEstimator onnx = (HiddenStateEstimator) OnnxEstimator.load(onnxModel, "onnx", OnnxOptions.defaults())) {
            for (int n : new int[] {1, 4, 10}) {
                EpisodeBatch episodes = RandomCheckpoints.episodes(4, n, 3, 11);
                assertClose("predictions n=" + n, onnx.predictPrefixes(episodes), djl.predictPrefixes(episodes));
                HiddenStates fromOnnx = onnx.hiddenStates(episodes);
                HiddenStates fromDjl = djl.hiddenStates(episodes);
                assertThat(List.of(fromOnnx.layers(), fromOnnx.batch(), fromOnnx.tokens(), fromOnnx.hidden()))
                        .containsExactly(fromDjl.layers(), fromDjl.batch(), fromDjl.tokens(), fromDjl.hidden());
                assertClose("hidden states n=" + n, fromOnnx.values(), fromDjl.values());
            }
        }
    }

    private static void assertClose(String what, float[] actual, float[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs((double) actual[i] - expected[i]));
        }
        assertThat(max).as(what + ": max abs difference").isLessThanOrEqualTo(PARITY);
    }
}
