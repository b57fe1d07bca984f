package org.icl4j.formats.model;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.commons.math3.special.Erf;

/** The MLP's non-linearity (docs/MODEL.md, "MLP"). */
public enum Activation {
    /** GeLU with the tanh approximation {@code 0.5 z (1 + tanh(sqrt(2/π)(z + 0.044715 z³)))}, as the authors use. */
    GELU_TANH("gelu-tanh"),
    /**
     * The exact GeLU {@code z·Φ(z) = 0.5 z (1 + erf(z/√2))}. Within 1e-3 of the tanh form everywhere (at most about
     * 4.7e-4 apart), and PyTorch computes it forward and backward in one fused kernel each, where the tanh form is
     * a chain of element-wise operations: the faster choice for training on a CPU (docs/TRAINING.md, "Speed").
     */
    GELU("gelu"),
    /** {@code max(z, 0)}. */
    RELU("relu");

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double SQRT_2 = Math.sqrt(2.0);

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** @return the name used in config.json and specs */
    public String id() {
        return id;
    }

    /**
     * @param z the input
     * @return the activation of {@code z}, in double precision
     */
    public double apply(double z) {
        return switch (this) {
            case GELU_TANH -> 0.5 * z * (1.0 + Math.tanh(SQRT_2_OVER_PI * (z + 0.044715 * z * z * z)));
            case GELU -> 0.5 * z * (1.0 + Erf.erf(z / SQRT_2));
            case RELU -> Math.max(z, 0.0);
        };
    }

    /**
     * @param id an activation name as written in config.json
     * @return the activation
     * @throws IllegalArgumentException naming the allowed names
     */
    public static Activation fromId(String id) {
        for (Activation activation : values()) {
            if (activation.id.equals(id)) {
                return activation;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + id + "'; allowed: "
                + Arrays.stream(values()).map(Activation::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
