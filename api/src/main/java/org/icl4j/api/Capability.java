package org.icl4j.api;

/** Optional features of an {@link Engine}; callers check them rather than assume. */
public enum Capability {
    /** The engine offers a {@link Learner}. */
    TRAINING,
    /** The engine loads saved models as estimators. */
    INFERENCE,
    /** Loaded models return per-layer hidden states ({@link HiddenStateEstimator}). */
    HIDDEN_STATES,
    /** The engine can run on a GPU on this machine. */
    GPU
}
