package org.icl4j.experiment;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Everything a run step gets for one run.
 *
 * @param id the run's identity
 * @param kind {@code train}, {@code evaluate} or {@code probe}
 * @param settings the run's settings as written in the spec after variables were filled in, with {@code seed}
 * @param folder the run's own folder, existing; the step writes its files here (checkpoints, reports)
 * @param input the finished run this one uses (the training of an evaluation), if any
 * @param resume true when an earlier attempt of this run started and did not finish: the step continues from
 *               what it left in {@code folder} (a checkpoint) instead of starting over
 */
public record RunRequest(RunId id, String kind, Settings settings, Path folder, Optional<UsedRun> input, boolean resume) {
    /** Checks that nothing is null. */
    public RunRequest {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(folder, "folder is null");
        requireNonNull(input, "input is null");
    }
}
