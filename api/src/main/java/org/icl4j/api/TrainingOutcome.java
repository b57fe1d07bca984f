package org.icl4j.api;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link Learner#train} did. A run either completed all its updates or was cancelled; either way the
 * checkpoint (when there is one) holds every update done and resumes exactly. To run the model, load
 * {@link #checkpoint()} with an engine that has {@link Capability#INFERENCE}.
 *
 * @param status whether the run completed or was cancelled
 * @param checkpoint the checkpoint folder holding the model, or null when a cancelled run wrote none (it was
 *     cancelled before its first update)
 * @param startStep the updates the checkpoint held when this call began (0 for a new run)
 * @param stepsDone the updates the checkpoint holds now
 * @param totalSteps the updates the run is planned for
 * @param finalLoss the training loss of the last update this call made, or NaN when it made none
 * @param settings the learner's resolved settings, by their names in specs and config.json, in a stable order
 * @param seed the run's seed (initial weights and episodes), or 0 when the learner has none
 */
public record TrainingOutcome(Status status, Path checkpoint, long startStep, long stepsDone, long totalSteps,
                              double finalLoss, Map<String, String> settings, long seed) {

    /**
     * How a run ended. */
    public enum Status {
        /** Every planned update is done. */
        COMPLETED,
        /** The run's {@link CancellationToken} stopped it early. */
        CANCELLED
    }

    /** Validates and copies.
     *
     * @param status whether the run completed or was cancelled
     * @param checkpoint the checkpoint folder holding the model, or null when a cancelled run wrote none (it was cancelled before its first update)
     * @param startStep the updates the checkpoint held when this call began (0 for a new run)
     * @param stepsDone the updates the checkpoint holds now
     * @param totalSteps the updates the run is planned for
     * @param finalLoss the training loss of the last update this call made, or NaN when it made none
     * @param settings the learner's resolved settings, by their names in specs and config.json, in a stable order
     * @param seed the run's seed (initial weights and episodes), or 0 when the learner has none
     */
    public TrainingOutcome {
        requireNonNull(status, "status is null");
        requireNonNull(settings, "settings is null");
        if (startStep < 0 || stepsDone < startStep || stepsDone > totalSteps) {
            throw new IllegalArgumentException("steps must satisfy 0 <= startStep <= stepsDone <= totalSteps, found "
                    + startStep + ", " + stepsDone + ", " + totalSteps);
        }
        if (status == Status.COMPLETED && (checkpoint == null || stepsDone != totalSteps)) {
            throw new IllegalArgumentException("a completed run has a checkpoint of all " + totalSteps + " updates, found "
                    + checkpoint + " at " + stepsDone);
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** @return whether every planned update is done */
    public boolean completed() {
        return status == Status.COMPLETED;
    }

    /** @return the checkpoint folder, if one was written or resumed */
    public Optional<Path> optionalCheckpoint() {
        return Optional.ofNullable(checkpoint);
    }

    /** @return a one-line account of a cancelled run: the update reached and what is on disk */
    public String stopMessage() {
        if (stepsDone > startStep) {
            return "training stopped by a request to exit after update " + stepsDone + " of " + totalSteps
                    + "; checkpoint written to " + checkpoint + " (resume the run to continue)";
        }
        if (checkpoint != null) {
            return "training stopped by a request to exit before its first update; the checkpoint at update "
                    + stepsDone + " in " + checkpoint + " is unchanged (resume the run to continue)";
        }
        return "training stopped by a request to exit before its first update; nothing was written";
    }
}
