package org.icl4j.experiment.slurm;

/** Where a run of a suite submitted to SLURM stands. */
public enum SlurmRunState {
    /** Finished: its {@code done.json} exists. */
    DONE,
    /** Its array task is running. */
    RUNNING,
    /** Queued in SLURM, or not submitted yet (never, or its input was not done when its task ran). */
    PENDING,
    /** Its last attempt failed ({@code error.txt}), or its task ended without a result (killed, timed out, node lost). */
    FAILED
}
