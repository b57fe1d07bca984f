package org.icl4j.algorithms.model;

import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.TransformerConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import org.icl4j.api.Rng;

/** Weight maps for tests. */
public final class ModelFixtures {

    private ModelFixtures() {
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
}
