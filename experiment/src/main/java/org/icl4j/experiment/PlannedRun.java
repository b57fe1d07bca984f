package org.icl4j.experiment;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One distinct run of a suite.
 *
 * @param index its position in the plan (inputs come first); the index {@code run-one} takes
 * @param id its identity and folder name
 * @param kind its kind
 * @param settings its settings
 * @param input the run it uses, if any
 * @param experiments the experiments that use it, in suite order
 */
public record PlannedRun(int index, RunId id, String kind, Settings settings, Optional<RunId> input, List<String> experiments) {
    /** Checks that nothing is null and copies the list. */
    public PlannedRun {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(input, "input is null");
        experiments = List.copyOf(experiments);
    }
}
