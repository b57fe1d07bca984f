package org.icl4j.api;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One call to {@link Learner#train}: what to train on, where, and the host's hooks.
 *
 * @param task the task to draw training episodes from
 * @param runFolder the run folder (created if missing)
 * @param resume whether to continue the run whose checkpoint is in {@code runFolder}; the learner then reads the
 *     run's recorded settings, and its own spec holds only the settings the caller changed on purpose
 * @param baseline the estimator periodic evaluations compare with (e.g. SPD/d to least squares), or null for
 *     none; the caller closes it after training
 * @param listener receives progress
 * @param cancellation stops the run at the next update when cancelled, leaving a resumable checkpoint
 */
public record TrainingRun(Task task, Path runFolder, boolean resume, Estimator baseline, TrainingListener listener,
                          CancellationToken cancellation) {

    /**
     * Validates non-null fields.
     *
     * @param task the task to draw training episodes from
     * @param runFolder the run folder (created if missing)
     * @param resume whether to continue the run whose checkpoint is in {@code runFolder}; the learner then reads the run's recorded settings, and its own spec holds only the settings the caller changed on purpose
     * @param baseline the estimator periodic evaluations compare with (e.g. SPD/d to least squares), or null for none; the caller closes it after training
     * @param listener receives progress
     * @param cancellation stops the run at the next update when cancelled, leaving a resumable checkpoint
     */
    public TrainingRun {
        requireNonNull(task, "task is null");
        requireNonNull(runFolder, "runFolder is null");
        requireNonNull(listener, "listener is null");
        requireNonNull(cancellation, "cancellation is null");
    }

    /**
     * A new run with no baseline, listener or cancellation.
     *
     * @param task the task
     * @param runFolder the run folder
     * @return the run
     */
    public static TrainingRun of(Task task, Path runFolder) {
        return new TrainingRun(task, runFolder, false, null, TrainingListener.NONE, CancellationToken.none());
    }

    /** @return the evaluation baseline, if any */
    public Optional<Estimator> optionalBaseline() {
        return Optional.ofNullable(baseline);
    }

    /** @return this run, continuing the checkpoint in the run folder */
    public TrainingRun resuming() {
        return new TrainingRun(task, runFolder, true, baseline, listener, cancellation);
    }

    /**
     * @param baseline the estimator periodic evaluations compare with
     * @return this run with that baseline
     */
    public TrainingRun withBaseline(Estimator baseline) {
        return new TrainingRun(task, runFolder, resume, requireNonNull(baseline, "baseline is null"), listener,
                cancellation);
    }

    /**
     * @param listener receives progress
     * @return this run with that listener
     */
    public TrainingRun withListener(TrainingListener listener) {
        return new TrainingRun(task, runFolder, resume, baseline, listener, cancellation);
    }

    /**
     * @param cancellation the token that stops the run
     * @return this run with that token
     */
    public TrainingRun withCancellation(CancellationToken cancellation) {
        return new TrainingRun(task, runFolder, resume, baseline, listener, cancellation);
    }
}
