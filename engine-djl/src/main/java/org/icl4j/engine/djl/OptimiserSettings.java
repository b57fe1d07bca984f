package org.icl4j.engine.djl;

import org.icl4j.formats.Limits;

/**
 * Adam(W) and the data of each update ({@link DjlAdam}). Each component's name is the setting's name in specs,
 * {@code --set}, config.json and docs/TRAINING.md.
 *
 * @param batch episodes per update (fresh episodes every update)
 * @param beta1 Adam β₁, in [0, 1)
 * @param beta2 Adam β₂, in [0, 1)
 * @param epsilon Adam ε, positive
 * @param weightDecay decoupled weight decay λ (AdamW), 0 for none
 * @param clip the global gradient-norm limit, 0 for none
 * @param replicas data-parallel replicas: 1, or 2 (each computes the gradient of half the batch on its own thread,
 *     and the two are summed; docs/TRAINING.md, "Both cores for one run")
 */
public record OptimiserSettings(int batch, double beta1, double beta2, double epsilon, double weightDecay,
                                double clip, int replicas) {

    /** The most replicas: two gradients sum to the same bytes in either order, more would not. */
    public static final int MAX_REPLICAS = 2;

    /** Validates every value against its allowed range. */
    public OptimiserSettings {
        TrainingSettings.atLeast("batch", batch, 1);
        Limits.requireAtMost("batch", batch, Limits.MAX_EPISODES);
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), found " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), found " + beta2);
        }
        TrainingSettings.positive("epsilon", epsilon);
        if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            throw new IllegalArgumentException("weightDecay must be >= 0 and finite, found " + weightDecay);
        }
        if (!(clip >= 0 && Double.isFinite(clip))) {
            throw new IllegalArgumentException("clip must be >= 0 (0 = no clipping), found " + clip);
        }
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas must be 1 or " + MAX_REPLICAS + " (two replicas' gradients sum to "
                    + "the same bytes in either order, more would not), found " + replicas);
        }
        if (batch % replicas != 0) {
            throw new IllegalArgumentException("batch must be a multiple of replicas (each replica takes an equal share), "
                    + "found batch " + batch + " with replicas " + replicas);
        }
    }
}
