package org.icl4j.experiment;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One place where an experiment asks for a run: a stage of a spec at one point of its axes and one seed. Several
 * usages (of one figure or of several) may name the same run.
 *
 * @param experiment the spec's name, e.g. {@code fig2}
 * @param stage the stage id, e.g. {@code train}
 * @param kind the run's kind
 * @param id the run's identity
 * @param settings the run's settings (including {@code seed})
 * @param input the run this one uses, if any
 * @param seed the seed
 * @param point the axis values of this point, including those of the runs it uses (seed excluded)
 * @param variables every variable visible to the stage: the scale's, the point's and {@code seed}
 */
public record Usage(String experiment, String stage, String kind, RunId id, Settings settings, Optional<RunId> input,
                    long seed, Settings point, Settings variables) {
    /** Checks that nothing is null. */
    public Usage {
        requireNonNull(experiment, "experiment is null");
        requireNonNull(stage, "stage is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(input, "input is null");
        requireNonNull(point, "point is null");
        requireNonNull(variables, "variables is null");
    }
}
