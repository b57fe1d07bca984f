package org.icl4j.api;

/** An estimator that can also return its per-layer hidden states (e.g. a transformer), for probing. */
public interface HiddenStateEstimator extends Estimator {

    /**
     * Runs the model on the episodes and returns every layer's hidden states.
     *
     * @param episodes the episodes
     * @return the hidden states
     */
    HiddenStates hiddenStates(EpisodeBatch episodes);
}
