package org.icl4j.api;

import java.io.IOException;

/**
 * Trains an in-context learner on a task and yields the trained model. Training is an engine capability
 * ({@link Capability#TRAINING}); inference-only engines offer no learner.
 */
public interface Learner {

    /** @return the learner's spec string */
    String name();

    /**
     * Trains on fresh episodes of {@code run.task()}, writing checkpoints and logs to {@code run.runFolder()}. The
     * learner reports progress to {@code run.listener()} and polls {@code run.cancellation()} between updates: once
     * it is cancelled, the learner writes a checkpoint of the updates done and returns a
     * {@link TrainingOutcome.Status#CANCELLED} outcome. It prints nothing and installs no signal or shutdown
     * handler: those belong to the host.
     *
     * @param run the task, run folder, resume flag, evaluation baseline, listener and cancellation token
     * @return what the run did, with its checkpoint and resolved settings
     * @throws IOException when the run folder cannot be written or its checkpoint cannot be read
     * @throws IllegalArgumentException when a resumed run's settings differ from the recorded ones in a way the
     *     learner does not allow (the message names the setting)
     */
    TrainingOutcome train(TrainingRun run) throws IOException;
}
