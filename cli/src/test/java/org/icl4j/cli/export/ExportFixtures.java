package org.icl4j.cli.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.algorithms.model.ModelFixtures;
import org.icl4j.formats.Provenance;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Rng;

/** Random checkpoints and episodes for tests of the export path. */
public final class ExportFixtures {

    private ExportFixtures() {
    }

    /**
     * Writes a checkpoint with weights N(0, 0.3²) and LayerNorm weights near 1: the norms are exercised without
     * degenerating, and the un-normalised {@code plain} block keeps activations near unit scale.
     *
     * @param checkpoint the directory to write
     * @param config     the architecture
     * @param seed       the weights' seed
     * @return the directory
     * @throws IOException when it cannot be written
     */
    public static Path write(Path checkpoint, TransformerConfig config, long seed) throws IOException {
        Map<String, Tensor> weights = ModelFixtures.random(config, seed, 0.3);
        new Checkpoint(config, "linear:d=" + config.dimension(), null, Provenance.current(seed), weights, null)
                .write(checkpoint);
        return checkpoint;
    }

    /**
     * @param batch episodes
     * @param n     pairs
     * @param d     dimension
     * @return episodes with N(0, 1) inputs and labels (the models' weights are random, so labels need no structure)
     */
    public static EpisodeBatch episodes(int batch, int n, int d) {
        Rng random = new Rng(11);
        float[] xs = new float[batch * n * d];
        float[] ys = new float[batch * n];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = (float) random.nextGaussian();
        }
        return EpisodeBatch.of(batch, n, d, xs, ys);
    }
}
