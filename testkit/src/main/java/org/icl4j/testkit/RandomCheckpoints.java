package org.icl4j.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Rng;
import org.icl4j.formats.Provenance;
import org.icl4j.formats.model.Checkpoint;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.TransformerConfig;

/**
 * The one source of random transformer weights and checkpoints for tests: every tensor N(0, scale²), LayerNorm
 * weights N(1, scale²), so that biases and norms are exercised without degenerating and the un-normalised
 * {@code plain} block keeps activations near unit scale. Also zero weights with single tensors set by hand, and
 * N(0, 1) episodes for models whose weights are random (their labels need no structure).
 */
public final class RandomCheckpoints {

    private RandomCheckpoints() {
    }

    /**
     * @param config the architecture
     * @return every tensor of the config, filled with zeros
     */
    public static Map<String, Tensor> zeros(TransformerConfig config) {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        config.tensorShapes().forEach((name, shape) -> weights.put(name, Tensor.zeros(shape)));
        return weights;
    }

    /**
     * Random weights N(0, scale²), with LayerNorm weights near 1 so that norms are exercised without degenerating.
     *
     * @param config the architecture
     * @param seed the seed
     * @param scale the standard deviation
     * @return the weights
     */
    public static Map<String, Tensor> random(TransformerConfig config, long seed, double scale) {
        Rng random = new Rng(seed);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        config.tensorShapes().forEach((name, shape) -> {
            Tensor tensor = Tensor.zeros(shape);
            boolean normWeight = name.contains("norm") && name.endsWith(".weight");
            for (int i = 0; i < tensor.size(); i++) {
                tensor.values()[i] = (float) ((normWeight ? 1.0 : 0.0) + scale * random.nextGaussian());
            }
            weights.put(name, tensor);
        });
        return weights;
    }

    /**
     * Sets one tensor's values.
     *
     * @param weights the map to change
     * @param name the tensor
     * @param values its new values, row-major
     */
    public static void set(Map<String, Tensor> weights, String name, float... values) {
        Tensor old = weights.get(name);
        weights.put(name, Tensor.of(values, old.shape()));
    }

    /**
     * Writes a checkpoint of {@code config} with {@link #random} weights (scale 0.3) for the task {@code linear:d=D}.
     *
     * @param checkpoint the directory to write
     * @param config the architecture
     * @param seed the weights' seed (also the provenance's)
     * @return the directory
     * @throws IOException when it cannot be written
     */
    public static Path write(Path checkpoint, TransformerConfig config, long seed) throws IOException {
        new Checkpoint(config, "linear:d=" + config.dimension(), null, Provenance.current(seed), random(config, seed, 0.3),
                null).write(checkpoint);
        return checkpoint;
    }

    /**
     * @param batch episodes
     * @param n pairs
     * @param d dimension
     * @param seed the seed
     * @return episodes with N(0, 1) inputs and labels
     */
    public static EpisodeBatch episodes(int batch, int n, int d, long seed) {
        Rng random = new Rng(seed);
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
