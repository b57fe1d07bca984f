package org.icl4j.engine.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.icl4j.api.Estimator;
import org.icl4j.engine.onnx.export.OnnxExporter;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.testkit.EstimatorContractTest;
import org.icl4j.testkit.RandomCheckpoints;
import org.junit.jupiter.api.io.TempDir;

/** The shared Estimator contract for an exported transformer run in ONNX Runtime. */
class OnnxTransformerContractTest extends EstimatorContractTest {

    @TempDir
    static Path directory;

    /**
     * A query against a context runs a shorter sequence than the prefix it is compared with; float32 kernels
     * may then block their sums differently (relative rounding ~1e-7 per operation through two layers).
     */
    private static final double FLOAT_TOLERANCE = 1e-5;

    @Override
    protected Estimator createEstimator(int dimension) {
        try {
            // maxPairs covers the contract's longest request: a query after a context of all pairs().
            TransformerConfig config = new TransformerConfig(dimension, pairs() + 1, 2, 16, 2, 8, 64,
                    BlockVariant.PRE_LN, Activation.GELU_TANH, TransformerConfig.DEFAULT_LAYER_NORM_EPSILON);
            Path checkpoint = RandomCheckpoints.write(directory.resolve("checkpoint-" + 17), config, 17);
            return OnnxEstimator.load(OnnxExporter.export(checkpoint, false), "onnx-transformer", OnnxOptions.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected double tolerance() {
        return FLOAT_TOLERANCE;
    }
}
