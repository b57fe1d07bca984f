package org.icl4j.harness.train;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished training run.
 *
 * @param runFolder the run folder
 * @param checkpoint the trained model's checkpoint folder
 * @param settings what reports show: task, engine, the learner's resolved settings, reference, resumed, out
 * @param seed the learner's seed (0 when it has none)
 */
public record TrainingResult(Path runFolder, Path checkpoint, Map<String, Object> settings, long seed) {

    /** Validates and copies. */
    public TrainingResult {
        requireNonNull(runFolder, "runFolder is null");
        requireNonNull(checkpoint, "checkpoint is null");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
