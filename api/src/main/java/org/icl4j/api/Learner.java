package org.icl4j.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Trains an in-context learner on a task and yields the trained model. Training is an engine capability
 * ({@link Capability#TRAINING}); inference-only engines offer no learner.
 */
public interface Learner {

    /** @return the learner's spec string */
    String name();

    /**
     * Trains on fresh episodes of {@code task}, writing checkpoints and logs to {@code runDirectory}.
     *
     * @param task the task to draw training episodes from
     * @param runDirectory the run folder (created if missing)
     * @param resume whether to continue from the checkpoint already in {@code runDirectory}
     * @param listener receives progress; never null
     * @return the trained model
     * @throws IOException when the run folder cannot be written or its checkpoint cannot be read
     */
    TrainedModel train(Task task, Path runDirectory, boolean resume, TrainingListener listener) throws IOException;

    /**
     * A learner like this one that also reports its periodic evaluations against {@code baseline} (e.g. SPD/d to
     * least squares). The default ignores the baseline: a learner without periodic evaluations returns itself.
     *
     * @param baseline the estimator to compare with; the caller closes it after training
     * @return the learner to train with
     */
    default Learner withEvaluationBaseline(Estimator baseline) {
        return this;
    }

    /**
     * The learner's resolved settings, by their names in specs and config.json, for reports. The default holds
     * only the learner's name.
     *
     * @return the settings, in a stable order
     */
    default java.util.Map<String, String> settingsSummary() {
        return java.util.Map.of("learner", name());
    }

    /** @return the seed of the run (initial weights and episodes), or 0 when the learner has none */
    default long seed() {
        return 0;
    }
}
