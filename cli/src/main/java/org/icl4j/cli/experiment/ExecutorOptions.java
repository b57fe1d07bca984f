package org.icl4j.cli.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.icl4j.experiment.slurm.SlurmSettings;
import picocli.CommandLine.Option;

/** The flags of {@code sweep} and {@code reproduce} that choose where runs execute (docs/CLUSTER.md). */
public final class ExecutorOptions {

    @Option(names = "--executor", paramLabel = "local|slurm", defaultValue = "local",
            description = "Where runs execute: local (default; a pool on this machine) or slurm (job arrays, docs/CLUSTER.md).")
    String executor;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Local executor: runs at once (default: one per core, one PyTorch thread each).")
    Integer jobs;

    @Option(names = "--partition", paramLabel = "P", description = "SLURM partition(s), default the cluster's default.")
    String partition;

    @Option(names = "--time", paramLabel = "HH:MM:SS", description = "SLURM: each run's wall-time limit (required with slurm).")
    String time;

    @Option(names = "--gpus-per-run", paramLabel = "G", defaultValue = "0", description = "SLURM: GPUs per run (--gres=gpu:G), default 0.")
    int gpusPerRun;

    @Option(names = "--cpus-per-run", paramLabel = "C", defaultValue = "1", description = "SLURM: CPUs per run, default 1.")
    int cpusPerRun;

    @Option(names = "--max-parallel", paramLabel = "K", defaultValue = "8", description = "SLURM: tasks of one array at once, default 8.")
    int maxParallel;

    @Option(names = "--sbatch-arg", paramLabel = "ARG", description = "SLURM: one more sbatch option, e.g. --sbatch-arg=--account=icl (repeatable).")
    List<String> sbatchArgs = new ArrayList<>();

    /** @return whether runs go to SLURM */
    boolean slurm() {
        return switch (executor) {
            case "local" -> false;
            case "slurm" -> true;
            default -> throw new IllegalArgumentException("--executor must be local or slurm, found '" + executor + "'");
        };
    }

    /**
     * Checks that the flags fit the executor and returns the local pool's size.
     *
     * @return runs at once
     */
    int localJobs() {
        List<String> given = new ArrayList<>();
        if (partition != null) {
            given.add("--partition");
        }
        if (time != null) {
            given.add("--time");
        }
        if (!sbatchArgs.isEmpty()) {
            given.add("--sbatch-arg");
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", given) + " apply to --executor slurm only");
        }
        int value = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (value < 1 || value > 1024) {
            throw new IllegalArgumentException("--jobs must be between 1 and 1024, found " + value);
        }
        return value;
    }

    /** @return the SLURM settings, checked */
    SlurmSettings slurmSettings() {
        if (jobs != null) {
            throw new IllegalArgumentException("--jobs applies to --executor local; SLURM's share is --max-parallel");
        }
        if (time == null) {
            throw new IllegalArgumentException("--executor slurm needs --time HH:MM:SS, each run's wall-time limit (e.g. 01:00:00)");
        }
        return new SlurmSettings(Optional.ofNullable(partition), time, gpusPerRun, cpusPerRun, maxParallel, sbatchArgs);
    }
}
