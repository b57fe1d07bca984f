package org.icl4j.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.icl4j.algorithms.estimator.GradientDescent;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An in-context learner written outside icl4j (by the {@code onnx} Python package; the fixture's script
 * {@code make_gd_fixture.py} beside it regenerates it) runs through {@link OnnxEstimator} and matches the
 * reference algorithm it encodes: one step of gradient descent, {@code gd:lr=0.05,steps=1}.
 */
class ExternalModelTest {

    /**
     * float32 cumulative sums over at most 20 unit-scale pairs against the reference's double arithmetic,
     * relative to 1 + |value|.
     */
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path directory;

    @Test
    void pythonWrittenModelMatchesOneStepGradientDescent() throws Exception {
        Path model = directory.resolve("gd-one-step.onnx");
        try (var fixture = ExternalModelTest.class.getResourceAsStream("gd-one-step.onnx")) {
            Files.copy(fixture, model);
        }
        EpisodeBatch episodes = TestModels.episodes(32, 20, 4, 5);
        try (OnnxEstimator onnx = OnnxEstimator.load(model);
             Estimator reference = new GradientDescent("gd:lr=0.05,steps=1", 0.05, 1, 0.0)) {
            assertThat(onnx.signature().dimension()).isEqualTo(4);
            assertThat(onnx.signature().maxPairs()).isEqualTo(20);
            assertThat(onnx.signature().hiddenStates()).isFalse();
            float[] actual = onnx.predictPrefixes(episodes);
            float[] expected = reference.predictPrefixes(episodes);
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) actual[i]).as("entry %d", i).isCloseTo(expected[i],
                        org.assertj.core.data.Offset.offset(TOLERANCE * (1 + Math.abs(expected[i]))));
            }
        }
    }
}
