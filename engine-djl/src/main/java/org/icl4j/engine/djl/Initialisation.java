package org.icl4j.engine.djl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.icl4j.api.Rng;
import org.icl4j.formats.model.Tensor;
import org.icl4j.formats.model.TransformerConfig;

/**
 * How fresh weights are drawn. Values are generated in Java from {@link Rng}, so the same seed gives the same
 * initial model on every machine and device.
 *
 * <ul>
 *   <li>{@code uniform-scaling} — the authors' code (its {@code uniform_scaling} initialiser, used for every
 *       dense kernel and bias and for the position embedding): each tensor is U(−a, a) with
 *       a = 1/sqrt(fan), where fan is the input width of a weight matrix, the length of a bias vector, and the
 *       number of positions for the position embedding. LayerNorm weights are 1 and biases 0.</li>
 *   <li>{@code normal} — GPT-2 style: weight matrices and the position embedding N(0, std²) (std = 0.02 by
 *       default), biases 0, LayerNorm weights 1 and biases 0.</li>
 * </ul>
 *
 * @param kind {@code uniform-scaling} or {@code normal}
 * @param std the standard deviation of {@code normal}; ignored by {@code uniform-scaling}
 */
public record Initialisation(String kind, double std) {

    /** The authors' initialisation. */
    public static final Initialisation UNIFORM_SCALING = new Initialisation("uniform-scaling", 0.02);

    /** Validates the kind and standard deviation. */
    public Initialisation {
        if (!kind.equals("uniform-scaling") && !kind.equals("normal")) {
            throw new IllegalArgumentException("unknown initialisation '" + kind + "'; allowed: uniform-scaling, normal");
        }
        if (!(std > 0 && Double.isFinite(std))) {
            throw new IllegalArgumentException("initialisation std must be > 0 and finite, found " + std);
        }
    }

    /**
     * @param config the architecture
     * @param seed the seed
     * @return fresh weights for every tensor of the config, drawn in the order of {@link TransformerConfig#tensorShapes()}
     */
    public Map<String, Tensor> initialise(TransformerConfig config, long seed) {
        Rng random = new Rng(seed);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> entry : config.tensorShapes().entrySet()) {
            String name = entry.getKey();
            int[] shape = entry.getValue();
            Tensor tensor = Tensor.zeros(shape);
            float[] values = tensor.values();
            if (name.contains("norm")) {
                if (name.endsWith(".weight")) {
                    java.util.Arrays.fill(values, 1f);
                }
            } else if (kind.equals("uniform-scaling")) {
                int fan = name.equals("position.weight") ? shape[0] : shape.length == 2 ? shape[1] : shape[0];
                double limit = 1.0 / Math.sqrt(fan);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (limit * (2 * random.nextDouble() - 1));
                }
            } else if (name.endsWith(".weight")) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (std * random.nextGaussian());
                }
            }
            weights.put(name, tensor);
        }
        return weights;
    }

    @Override
    public String toString() {
        return kind.equals("normal") ? "normal(" + std + ")" : kind;
    }
}
