package org.icl4j.api;

/** Receives training progress. Every method defaults to doing nothing. */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * Called once when the run has begun, before any slow set-up such as loading native libraries; from then on
     * cancelling the run's {@link CancellationToken} stops it with a checkpoint.
     */
    default void onStart() {
    }

    /**
     * Called after each optimisation step.
     *
     * @param step the step just completed, 1-based
     * @param totalSteps the planned number of steps
     * @param loss the step's training loss
     * @param learningRate the learning rate used
     */
    default void onStep(long step, long totalSteps, double loss, double learningRate) {
    }

    /**
     * Called after a periodic evaluation.
     *
     * @param step the step at which the evaluation ran
     * @param summary a short human-readable summary, e.g. {@code "SPD/d vs ols (k>=d): 0.012"}
     */
    default void onEvaluation(long step, String summary) {
    }
}
