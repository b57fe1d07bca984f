package org.icl4j.engine.djl;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.icl4j.api.Estimator;
import org.icl4j.formats.Provenance;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.testkit.EstimatorContractTest;
import org.icl4j.testkit.RandomCheckpoints;
import org.junit.jupiter.api.io.TempDir;

/** The shared Estimator contract for a transformer checkpoint run by the djl engine. */
class DjlTransformerContractTest extends EstimatorContractTest {

    @TempDir
    static Path directory;

    /**
     * A query against a context runs a shorter sequence than the prefix it is compared with; float32 kernels
     * may then sum in a different order (relative rounding ~1e-7 per operation through two layers).
     */
    private static final double FLOAT_TOLERANCE = 1e-5;

    @Override
    protected Estimator createEstimator(int dimension) {
        // maxPairs covers the contract's longest request: a query after a context of all pairs().
        TransformerConfig config = new TransformerConfig(dimension, pairs() + 1, 2, 16, 2, 8, 64,
                BlockVariant.AUTHORS, Activation.GELU_TANH, TransformerConfig.DEFAULT_LAYER_NORM_EPSILON);
        Path checkpoint = directory.resolve("d" + dimension);
        try {
            if (!Checkpoint.exists(checkpoint)) {
                new Checkpoint(config, null, null, Provenance.current(17), RandomCheckpoints.random(config, 17, 0.3),
                        null).write(checkpoint);
            }
            return DjlTransformerEstimator.load(checkpoint, Device.cpu());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected double tolerance() {
        return FLOAT_TOLERANCE;
    }
}
