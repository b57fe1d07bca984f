package org.icl4j.engine.djl;

import static java.util.Objects.requireNonNull;

import org.icl4j.formats.Limits;
import org.icl4j.formats.model.Activation;
import org.icl4j.formats.model.BlockVariant;
import org.icl4j.formats.model.HeadSizeConvention;
import org.icl4j.formats.model.TransformerConfig;

/**
 * The model a {@link DjlTransformerLearner} trains (docs/MODEL.md) and how its weights are first drawn. Each
 * component's name is the setting's name in specs, {@code --set}, config.json and docs/TRAINING.md.
 *
 * @param pairs pairs per training episode n, and the longest episode the model reads
 * @param layers blocks L
 * @param hidden width H
 * @param heads attention heads M
 * @param headSize {@code standard} (H/M) or {@code authors} (H/M²)
 * @param mlpHidden MLP width F
 * @param block the residual block
 * @param activation the MLP non-linearity
 * @param init {@code uniform-scaling} or {@code normal} ({@link Initialisation})
 * @param initStd the standard deviation of {@code init=normal}
 */
public record ModelSettings(int pairs, int layers, int hidden, int heads, HeadSizeConvention headSize, int mlpHidden,
                            BlockVariant block, Activation activation, String init, double initStd) {

    /** Validates every value against its allowed range. */
    public ModelSettings {
        requireNonNull(headSize, "headSize is null");
        requireNonNull(block, "block is null");
        requireNonNull(activation, "activation is null");
        requireNonNull(init, "init is null");
        // The documented limits (docs/LIMITS.md), checked here so that a huge value is one error, not an overflow.
        Limits.requireAtMost("pairs", pairs, Limits.MAX_PAIRS);
        Limits.requireAtMost("layers", layers, Limits.MAX_LAYERS);
        Limits.requireAtMost("hidden", hidden, Limits.MAX_HIDDEN);
        Limits.requireAtMost("heads", heads, Limits.MAX_HIDDEN);
        Limits.requireAtMost("mlpHidden", mlpHidden, Limits.MAX_MLP_HIDDEN);
        TrainingSettings.atLeast("pairs", pairs, 1);
        TrainingSettings.atLeast("layers", layers, 1);
        TrainingSettings.atLeast("hidden", hidden, 1);
        TrainingSettings.atLeast("heads", heads, 1);
        headSize.headSize(hidden, heads);
        TrainingSettings.atLeast("mlpHidden", mlpHidden, 1);
        new Initialisation(init, initStd);
    }

    /** @return how fresh weights are drawn */
    public Initialisation initialisation() {
        return new Initialisation(init, initStd);
    }

    /**
     * @param dimension the task's d
     * @return the model's architecture
     */
    public TransformerConfig config(int dimension) {
        return new TransformerConfig(dimension, pairs, layers, hidden, heads, headSize.headSize(hidden, heads),
                mlpHidden, block, activation, TransformerConfig.DEFAULT_LAYER_NORM_EPSILON);
    }
}
