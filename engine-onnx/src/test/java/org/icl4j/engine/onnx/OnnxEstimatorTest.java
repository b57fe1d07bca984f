package org.icl4j.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnx.proto.OnnxMl;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.HiddenStateEstimator;
import org.icl4j.api.HiddenStates;
import org.icl4j.api.MalformedCheckpointException;
import org.icl4j.engine.onnx.export.OnnxGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxEstimatorTest {

    /**
     * float32 arithmetic over at most 30 pairs of unit-scale Gaussians: sums reach ~30·|y||x| ≈ 10², so float
     * rounding (2^-24 relative) stays well under 1e-4 absolute.
     */
    private static final double FLOAT_TOLERANCE = 1e-4;

    @TempDir
    Path directory;

    @Test
    void handBuiltAveragingGraphMatchesTheClosedFormAverage() throws Exception {
        Path model = TestModels.write(directory, "averaging.onnx", TestModels.averaging(TestModels.config(5, 40), false));
        try (OnnxEstimator estimator = OnnxEstimator.load(model)) {
            assertThat(estimator).isNotInstanceOf(HiddenStateEstimator.class);
            assertThat(estimator.name()).isEqualTo("onnx:averaging.onnx");
            assertThat(estimator.signature().dimension()).isEqualTo(5);
            assertThat(estimator.signature().maxPairs()).isEqualTo(40);
            for (int n : new int[] {1, 2, 17, 40}) {
                EpisodeBatch episodes = TestModels.episodes(6, n, 5, n);
                float[] predictions = estimator.predictPrefixes(episodes);
                double[] expected = TestModels.averagingPredictions(episodes);
                assertThat(predictions).hasSize(expected.length);
                for (int i = 0; i < expected.length; i++) {
                    assertThat((double) predictions[i]).as("n=%d entry %d", n, i)
                            .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(FLOAT_TOLERANCE * 10));
                }
                for (int b = 0; b < 6; b++) {
                    assertThat(predictions[b * n]).as("no context predicts 0").isZero();
                }
            }
        }
    }

    @Test
    void splitsLargeRequestsIntoRunsWithoutChangingPredictions() throws Exception {
        Path model = TestModels.write(directory, "averaging.onnx", TestModels.averaging(null, false));
        EpisodeBatch episodes = TestModels.episodes(11, 7, 3, 4);
        try (OnnxEstimator whole = OnnxEstimator.load(model);
             OnnxEstimator split = OnnxEstimator.load(model, OnnxOptions.defaults().withMaxBatch(4))) {
            // Each episode is computed alone by the same kernels, so splitting changes nothing, bit for bit.
            assertThat(split.predictPrefixes(episodes)).containsExactly(whole.predictPrefixes(episodes));
        }
    }

    @Test
    void predictionsAreCausalAndEpisodesIndependent() throws Exception {
        Path model = TestModels.write(directory, "averaging.onnx", TestModels.averaging(null, false));
        EpisodeBatch episodes = TestModels.episodes(3, 9, 4, 8);
        try (OnnxEstimator estimator = OnnxEstimator.load(model)) {
            float[] base = estimator.predictPrefixes(episodes);
            // Change labels k >= 5 and inputs k >= 6 of episode 1: predictions 0 … 5 of episode 1 (which read
            // labels before k and inputs up to k) and all of episodes 0 and 2 stay.
            float[] xs = episodes.xs().clone();
            float[] ys = episodes.ys().clone();
            for (int k = 5; k < 9; k++) {
                ys[9 + k] += 3f;
                if (k > 5) {
                    xs[(9 + k) * 4] -= 2f;
                }
            }
            float[] changed = estimator.predictPrefixes(EpisodeBatch.of(3, 9, 4, xs, ys));
            assertThat(Arrays.copyOfRange(changed, 0, 9)).containsExactly(Arrays.copyOfRange(base, 0, 9));
            assertThat(Arrays.copyOfRange(changed, 9, 15)).containsExactly(Arrays.copyOfRange(base, 9, 15));
            assertThat(Arrays.copyOfRange(changed, 18, 27)).containsExactly(Arrays.copyOfRange(base, 18, 27));
            assertThat(changed[9 + 6]).isNotEqualTo(base[9 + 6]);
        }
    }

    @Test
    void hiddenStatesAreGatheredAcrossRuns() throws Exception {
        Path model = TestModels.write(directory, "hidden.onnx", TestModels.averaging(null, true));
        EpisodeBatch episodes = TestModels.episodes(5, 4, 2, 9);
        try (OnnxEstimator estimator = OnnxEstimator.load(model, OnnxOptions.defaults().withMaxBatch(2))) {
            assertThat(estimator).isInstanceOf(OnnxHiddenStateEstimator.class);
            HiddenStates states = ((HiddenStateEstimator) estimator).hiddenStates(episodes);
            assertThat(List.of(states.layers(), states.batch(), states.tokens(), states.hidden()))
                    .containsExactly(2, 5, 4, 2);
            for (int b = 0; b < 5; b++) {
                double[] sum = new double[2];
                for (int k = 0; k < 4; k++) {
                    for (int j = 0; j < 2; j++) {
                        assertThat(states.values()[states.offset(0, b, k) + j]).isEqualTo(episodes.x(b, k, j));
                        assertThat((double) states.values()[states.offset(1, b, k) + j])
                                .isCloseTo(sum[j], org.assertj.core.data.Offset.offset(FLOAT_TOLERANCE));
                    }
                    for (int j = 0; j < 2; j++) {
                        sum[j] += (double) episodes.y(b, k) * episodes.x(b, k, j);
                    }
                }
            }
        }
    }

    @Test
    void refusesEpisodesLongerThanTheModelsMaximum() throws Exception {
        Path model = TestModels.write(directory, "averaging.onnx", TestModels.averaging(TestModels.config(3, 10), false));
        try (OnnxEstimator estimator = OnnxEstimator.load(model)) {
            assertThatThrownBy(() -> estimator.predictPrefixes(TestModels.episodes(1, 11, 3, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most 10 pairs")
                    .hasMessageContaining("n = 11");
            assertThatThrownBy(() -> estimator.predictPrefixes(TestModels.episodes(1, 4, 4, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dimension d <= 3 (narrower episodes are padded with zero features)")
                    .hasMessageContaining("found episodes with d = 4");
            // Zero features add nothing to w·x, so a padded narrow episode gets the narrow average.
            EpisodeBatch narrow = TestModels.episodes(2, 6, 2, 3);
            float[] predictions = estimator.predictPrefixes(narrow);
            double[] expected = TestModels.averagingPredictions(narrow);
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) predictions[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(FLOAT_TOLERANCE));
            }
        }
        Path external = TestModels.write(directory, "external.onnx", TestModels.averaging(null, false));
        try (OnnxEstimator estimator = OnnxEstimator.load(external)) {
            // Without icl4j.config the model states no dimension and takes any d as it is.
            assertThat(estimator.signature().dimension()).isZero();
            assertThat(estimator.predictPrefixes(TestModels.episodes(1, 3, 7, 1))).hasSize(3);
        }
    }

    @Test
    void refusesNonFiniteInputs() throws Exception {
        float[] xs = new float[6];
        xs[4] = Float.NaN;
        assertThatThrownBy(() -> EpisodeBatch.of(1, 3, 2, xs, new float[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("xs must be finite, found NaN at flat index 4");
    }

    @Test
    void explainsAWrongSignature() throws Exception {
        OnnxGraph renamed = new OnnxGraph("renamed");
        String x = renamed.floatInput("x", "batch", "n", "d");
        String y = renamed.floatInput("ys", "batch", "n");
        renamed.floatOutput("predictions", renamed.node("Add", y, renamed.node("ReduceSum",
                List.of(OnnxGraph.attribute("keepdims", 0)), x, renamed.axes(2))), "batch", "n");
        assertLoadFails("renamed.onnx", renamed, "has inputs [x, ys]", "xs float32 [batch, n, d]");

        OnnxGraph noPredictions = new OnnxGraph("no-predictions");
        noPredictions.floatInput("xs", "batch", "n", "d");
        noPredictions.floatOutput("prediction", noPredictions.floatInput("ys", "batch", "n"), "batch", "n");
        assertLoadFails("no-predictions.onnx", noPredictions, "outputs [prediction], none named predictions");

        OnnxGraph rank = new OnnxGraph("rank");
        rank.floatInput("xs", "batch", "n");
        rank.floatOutput("predictions", rank.floatInput("ys", "batch", "n"), "batch", "n");
        assertLoadFails("rank.onnx", rank, "xs must have rank 3 [batch, n, d], found rank 2");

        OnnxGraph doubles = new OnnxGraph("doubles");
        doubles.input("xs", OnnxMl.TensorProto.DataType.DOUBLE, "batch", "n", "d");
        doubles.floatOutput("predictions", doubles.floatInput("ys", "batch", "n"), "batch", "n");
        assertLoadFails("doubles.onnx", doubles, "xs must be float32 [batch, n, d], found element type", "DOUBLE");

        OnnxGraph fixed = new OnnxGraph("fixed");
        fixed.floatInput("xs", 1, "n", 3);
        fixed.floatOutput("predictions", fixed.floatInput("ys", 1, "n"), 1, "n");
        assertLoadFails("fixed.onnx", fixed, "axis 0 (batch) of xs is fixed at 1 but must be dynamic", "dynamic_axes");

        OnnxGraph disagree = new OnnxGraph("disagree");
        disagree.floatInput("xs", "batch", "n", 3);
        disagree.floatOutput("predictions", disagree.floatInput("ys", "batch", "n"), "batch", "n");
        byte[] bytes = disagree.toBytes("tests", "1", Map.of("icl4j.config", TestModels.config(4, 10)));
        Path file = TestModels.write(directory, "disagree.onnx", bytes);
        assertThatThrownBy(() -> OnnxEstimator.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("xs has d = 3 but icl4j.config says model.dimension = 4");

        Path badConfig = TestModels.write(directory, "bad-config.onnx", TestModels.averaging("{\"model\": ", false));
        assertThatThrownBy(() -> OnnxEstimator.load(badConfig))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("icl4j.config that is not JSON");
    }

    private void assertLoadFails(String name, OnnxGraph graph, String... fragments) throws Exception {
        Path file = TestModels.write(directory, name, graph.toBytes("tests", "1", Map.of()));
        var thrown = assertThatThrownBy(() -> OnnxEstimator.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not follow the in-context learner contract");
        for (String fragment : fragments) {
            thrown.hasMessageContaining(fragment);
        }
    }

    @Test
    void explainsATruncatedOrMissingFile() throws Exception {
        byte[] whole = TestModels.averaging(TestModels.config(3, 10), false);
        Path truncated = TestModels.write(directory, "truncated.onnx", Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> OnnxEstimator.load(truncated))
                .isInstanceOf(MalformedCheckpointException.class)
                .hasMessageContaining("truncated.onnx")
                .hasMessageContaining("truncated or not an ONNX model");
        assertThatThrownBy(() -> OnnxEstimator.load(directory.resolve("missing.onnx")))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> OnnxEstimator.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void refusesUseAfterClose() throws Exception {
        Path model = TestModels.write(directory, "averaging.onnx", TestModels.averaging(null, false));
        OnnxEstimator estimator = OnnxEstimator.load(model);
        estimator.close();
        estimator.close();
        assertThatThrownBy(() -> estimator.predictPrefixes(TestModels.episodes(1, 2, 2, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void explainsMissingCudaSupport() throws Exception {
        assumeTrue(!OnnxEstimator.cudaAvailable(), "this ONNX Runtime has CUDA");
        Path model = TestModels.write(directory, "averaging.onnx", TestModels.averaging(null, false));
        assertThatThrownBy(() -> OnnxEstimator.load(model, OnnxOptions.defaults().withCuda(0)))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("onnxruntime_gpu");
        assertThat(Files.exists(model)).isTrue();
    }
}
