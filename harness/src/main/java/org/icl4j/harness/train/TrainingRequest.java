package org.icl4j.harness.train;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to train: a task (with d and noise filled in where it takes them), the engine, the learner's settings by
 * name (e.g. {@code preset=tiny}, {@code steps=200}; docs/TRAINING.md lists them), the estimator the periodic
 * evaluations compare with, the run folder, and whether to resume the run already there. A resumed run reads its
 * task and settings from its checkpoint: the task may then be null, and {@code learner} holds only settings given
 * again (which must match) or a larger {@code steps} (which extends the run).
 *
 * @param task the task spec, e.g. {@code linear}; null for {@code linear} in a new run, or the recorded task on resume
 * @param dimension the task's d, or null for the spec's
 * @param noise the task's label noise, or null for the spec's
 * @param engine the training engine's spec with its options (e.g. {@code djl:device=cpu,threads=1}), or null for
 *     the highest-ranked engine that trains
 * @param learner the learner's settings by name
 * @param reference the estimator spec of the periodic evaluations, e.g. {@code ols}, or null for the task's default
 *     ({@link org.icl4j.harness.compare.DefaultReference}: {@code ols} when noiseless, {@code bayes} when noisy)
 * @param out the run folder
 * @param resume whether to continue the run whose checkpoint is in {@code out}
 */
public record TrainingRequest(String task, Integer dimension, Double noise, String engine, Map<String, String> learner,
                              String reference, Path out, boolean resume) {

    /** The task of a new run when none is given. */
    public static final String DEFAULT_TASK = "linear";

    /** Validates and copies. */
    public TrainingRequest {
        requireNonNull(out, "out is null");
        learner = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(learner, "learner is null")));
    }

    /**
     * A new run of the default engine on {@code task}, evaluated against the task's default reference.
     *
     * @param task the task spec
     * @param learner the learner's settings by name
     * @param out the run folder
     * @return the request
     */
    public static TrainingRequest of(String task, Map<String, String> learner, Path out) {
        return new TrainingRequest(requireNonNull(task, "task is null"), null, null, null, learner, null, out, false);
    }

    /**
     * Continues the run in {@code out} with its recorded task and settings, on the default engine.
     *
     * @param out the run folder
     * @param learner settings to give again, or a larger {@code steps}; often empty
     * @return the request
     */
    public static TrainingRequest resume(Path out, Map<String, String> learner) {
        return new TrainingRequest(null, null, null, null, learner, null, out, true);
    }
}
