package org.icl4j.engine.djl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.TransformerConfig;
import org.icl4j.api.EpisodeBatch;
import org.icl4j.api.Rng;

/** Random weights and episodes for tests. */
final class TestModels {

    private TestModels() {
    }

    /** Every tensor N(0, scale²), LayerNorm weights N(1, scale²): biases and norms are exercised too. */
    static Map<String, Tensor> randomWeights(TransformerConfig config, long seed, double scale) {
        Rng random = new Rng(seed);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        config.tensorShapes().forEach((name, shape) -> {
            Tensor tensor = Tensor.zeros(shape);
            double mean = name.contains("norm") && name.endsWith(".weight") ? 1 : 0;
            for (int i = 0; i < tensor.size(); i++) {
                tensor.values()[i] = (float) (mean + scale * random.nextGaussian());
            }
            weights.put(name, tensor);
        });
        return weights;
    }

    /** Standard normal xs and ys. */
    static EpisodeBatch randomEpisodes(int batch, int length, int d, long seed) {
        Rng random = new Rng(seed);
        float[] xs = new float[batch * length * d];
        float[] ys = new float[batch * length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < ys.length; i++) {
            ys[i] = (float) random.nextGaussian();
        }
        return EpisodeBatch.of(batch, length, d, xs, ys);
    }
}
