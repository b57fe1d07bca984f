package org.icl4j.experiment.slurm;

import java.io.IOException;

/**
 * A SLURM command that could not be run or that refused: {@code sbatch} missing from {@code PATH}, or a
 * submission that {@code sbatch} rejected. The message names the command and gives SLURM's own message.
 */
public final class SlurmException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message what was run and what SLURM said */
    public SlurmException(String message) {
        super(message);
    }
}
