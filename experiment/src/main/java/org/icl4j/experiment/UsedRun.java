package org.icl4j.experiment;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * A finished run that another run uses, such as the training whose model an evaluation reads.
 *
 * @param id its identity
 * @param kind its kind
 * @param settings its settings
 * @param folder its run folder (a training's checkpoint lives here)
 * @param result its result
 */
public record UsedRun(RunId id, String kind, Settings settings, Path folder, RunResult result) {
    /** Checks that nothing is null. */
    public UsedRun {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(folder, "folder is null");
        requireNonNull(result, "result is null");
    }
}
