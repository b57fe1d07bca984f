package org.icl4j.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.icl4j.algorithms.estimator.Averaging;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Estimator;
import org.icl4j.testkit.EstimatorContractTest;
import org.junit.jupiter.api.Test;

/**
 * The shared Estimator contract for {@link OnnxEstimator} running the hand-built averaging graph, and its
 * agreement with the {@code averaging} reference estimator.
 */
class OnnxAveragingContractTest extends EstimatorContractTest {

    /**
     * ONNX Runtime sums in float32 (and cumulative sums in another order than the reference's running double
     * sums): relative rounding of ~1e-7 per operation over ten pairs.
     */
    private static final double FLOAT_TOLERANCE = 1e-5;

    @Override
    protected Estimator createEstimator(int dimension) {
        try {
            return OnnxEstimator.load(TestModels.averaging(TestModels.config(dimension, 20), false), "onnx-averaging",
                    OnnxOptions.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected double tolerance() {
        return FLOAT_TOLERANCE;
    }

    @Test
    void matchesTheAveragingReferenceEstimator() {
        EpisodeBatch episodes = episodes(50, 3);
        try (Estimator onnx = createEstimator(dimension()); Estimator reference = new Averaging()) {
            float[] actual = onnx.predictPrefixes(episodes);
            float[] expected = reference.predictPrefixes(episodes);
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) actual[i]).as("entry %d", i)
                        .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(FLOAT_TOLERANCE * (1 + Math.abs(expected[i]))));
            }
        }
    }
}
