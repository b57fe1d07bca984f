package org.icl4j.engine.djl;

import org.icl4j.formats.Limits;

/**
 * A run's seed and bookkeeping: when it writes checkpoints, evaluates and logs. Each component's name is the
 * setting's name in specs, {@code --set}, config.json and docs/TRAINING.md.
 *
 * @param seed initial weights and the episodes of update s (stream {@code Rng.of(seed, s)})
 * @param checkpointEvery write a checkpoint every this many updates (and always at the end); 0 for the end only
 * @param evaluateEvery evaluate on held-out episodes every this many updates (and at the end); 0 for the end only
 * @param evaluationBatch held-out episodes per evaluation
 * @param logEvery write a metrics line every this many updates
 */
public record RunSettings(long seed, long checkpointEvery, long evaluateEvery, int evaluationBatch, long logEvery) {

    /** Validates every value against its allowed range. */
    public RunSettings {
        TrainingSettings.atLeast("checkpointEvery", checkpointEvery, 0);
        TrainingSettings.atLeast("evaluateEvery", evaluateEvery, 0);
        TrainingSettings.atLeast("evaluationBatch", evaluationBatch, 1);
        Limits.requireAtMost("evaluationBatch", evaluationBatch, Limits.MAX_EPISODES);
        TrainingSettings.atLeast("logEvery", logEvery, 1);
    }
}
