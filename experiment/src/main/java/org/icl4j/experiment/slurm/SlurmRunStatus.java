package org.icl4j.experiment.slurm;

import org.icl4j.experiment.PlannedRun;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One run's status.
 *
 * @param run the run
 * @param state where it stands
 * @param detail what a reader needs: SLURM's reason, the first line of {@code error.txt}, or why it waits; empty when done
 * @param job its array task in SLURM ({@code <array job>_<index>}) while queued or running, or of its last attempt
 * @param log its task's log ({@code runs/<id>/slurm.log}), when one was written
 * @param queued whether {@code squeue} lists its task (queued or running), so that submitting again leaves it alone
 */
public record SlurmRunStatus(PlannedRun run, SlurmRunState state, String detail, Optional<String> job, Optional<Path> log,
                             boolean queued) {
    /** Checks that nothing is null. */
    public SlurmRunStatus {
        requireNonNull(run, "run is null");
        requireNonNull(state, "state is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(job, "job is null");
        requireNonNull(log, "log is null");
    }

    /** @return the status as one line: state, index, id, detail and log */
    public String line() {
        StringBuilder line = new StringBuilder(state.name().toLowerCase(java.util.Locale.ROOT))
                .append(" run ").append(run.index()).append(' ').append(run.id().value());
        if (!detail.isEmpty()) {
            line.append(": ").append(detail);
        }
        log.ifPresent(file -> line.append(" (log: ").append(file).append(')'));
        return line.toString();
    }
}
