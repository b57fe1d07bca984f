package org.icl4j.engine.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.icl4j.algorithms.model.Checkpoint;
import org.icl4j.algorithms.model.Provenance;
import org.icl4j.algorithms.model.Tensor;
import org.icl4j.algorithms.model.TransformerConfig;
import org.icl4j.api.Rng;

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
        Rng random = new Rng(seed);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        config.tensorShapes().forEach((name, shape) -> {
            Tensor tensor = Tensor.zeros(shape);
            boolean normWeight = name.contains("norm") && name.endsWith(".weight");
            for (int i = 0; i < tensor.size(); i++) {
                tensor.values()[i] = (float) ((normWeight ? 1.0 : 0.0) + 0.3 * random.nextGaussian());
            }
            weights.put(name, tensor);
        });
        Path checkpoint = directory.resolve("checkpoint-" + seed);
        new Checkpoint(config, "linear:d=" + config.dimension(), null, Provenance.current(seed), weights, null)
                .write(checkpoint);
        return checkpoint;
    }
}
