package org.icl4j.harness.train;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.icl4j.api.TrainingOutcome;

/**
 * A training run that ended: completed, or stopped by its cancellation token with a resumable checkpoint.
 *
 * @param runFolder the run folder
 * @param outcome what the learner did: status, checkpoint, steps, final loss, resolved settings, seed
 * @param settings what reports show: task, engine, the learner's resolved settings, reference, resumed, out
 */
public record TrainingResult(Path runFolder, TrainingOutcome outcome, Map<String, Object> settings) {

    /** Validates and copies. */
    public TrainingResult {
        requireNonNull(runFolder, "runFolder is null");
        requireNonNull(outcome, "outcome is null");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(settings, "settings is null")));
    }

    /** @return whether every planned update is done */
    public boolean completed() {
        return outcome.completed();
    }

    /** @return the checkpoint folder; null only for a run stopped before its first update */
    public Path checkpoint() {
        return outcome.checkpoint();
    }

    /** @return the run's seed */
    public long seed() {
        return outcome.seed();
    }
}
