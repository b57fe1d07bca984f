package org.icl4j.api;

/**
 * The shared state of one evaluation: the episodes and per-estimator results that several metrics reuse.
 * Implementations compute each estimator's predictions and implicit weights once and cache them.
 */
public interface Evaluation {

    /** @return the evaluation episodes */
    EpisodeBatch episodes();

    /**
     * @param estimator an estimator taking part in this evaluation
     * @return its prefix predictions, shape [B, n] (cached)
     */
    float[] predictions(Estimator estimator);

    /**
     * @param estimator an estimator taking part in this evaluation
     * @return its implicit weights after every prefix (cached)
     */
    ImplicitWeights implicitWeights(Estimator estimator);
}
