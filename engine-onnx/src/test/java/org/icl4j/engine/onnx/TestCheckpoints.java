package org.icl4j.engine.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.algorithms.model.ModelFixtures;
import org.icl4j.formats.Provenance;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.TransformerConfig;

/** Checkpoints with random weights for the tests. */
final class TestCheckpoints {

    private TestCheckpoints() {
    }

    /**
     * Writes a checkpoint with weights N(0, 0.3²) and LayerNorm weights near 1, so that the norms are exercised
     * without degenerating and the un-normalised {@code plain} block keeps activations near unit scale.
     *
     * @param directory where to write it
     * @param config    the architecture
     * @param seed      the weights' seed
     * @return the checkpoint directory
     * @throws IOException when it cannot be written
     */
    static Path write(Path directory, TransformerConfig config, long seed) throws IOException {
        Map<String, Tensor> weights = ModelFixtures.random(config, seed, 0.3);
        Path checkpoint = directory.resolve("checkpoint-" + seed);
        new Checkpoint(config, "linear:d=" + config.dimension(), null, Provenance.current(seed), weights, null)
                .write(checkpoint);
        return checkpoint;
    }
}
