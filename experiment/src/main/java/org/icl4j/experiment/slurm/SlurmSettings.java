package org.icl4j.experiment.slurm;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * How the runs of a suite are submitted to SLURM, one job-array task per run.
 *
 * @param partition the partition ({@code --partition}); empty for the cluster's default
 * @param time each task's wall-time limit as {@code HH:MM:SS} ({@code --time}); hours may exceed 24
 * @param gpusPerRun GPUs per task ({@code --gres=gpu:G} when above 0), 0 to 64
 * @param cpusPerRun CPUs per task ({@code --cpus-per-task}), 1 to 1024
 * @param maxParallel tasks of one array running at once (the {@code %K} of {@code --array}), 1 to 100 000
 * @param sbatchArgs further {@code sbatch} options, one option per element ({@code --account=proj},
 *                   {@code --qos high}, {@code --exclusive}); none may set what the other settings or the
 *                   executor own
 */
public record SlurmSettings(Optional<String> partition, String time, int gpusPerRun, int cpusPerRun, int maxParallel,
                            List<String> sbatchArgs) {
    private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*");
    private static final Pattern TIME = Pattern.compile("(\\d{1,4}):([0-5]\\d):([0-5]\\d)");
    private static final Pattern OPTION = Pattern.compile("(--[a-z][a-z0-9-]*|-[A-Za-z])(?:[= ].*)?", Pattern.DOTALL);
    /** Options the typed settings set; the message names the setting to use instead. */
    private static final List<List<String>> TYPED = List.of(
            List.of("--partition", "-p", "partition"), List.of("--time", "-t", "time"),
            List.of("--gpus", "-G", "gpusPerRun"), List.of("--gpus-per-task", "", "gpusPerRun"),
            List.of("--cpus-per-task", "-c", "cpusPerRun"));
    /** Options the executor sets itself: the array, its dependency and where the logs go. */
    private static final Set<String> OWNED = Set.of("--array", "-a", "--dependency", "-d", "--output", "-o", "--error", "-e",
            "--open-mode", "--parsable", "--wrap");

    /** Checks every setting; a bad one is an {@link IllegalArgumentException} naming it, the value and what is allowed. */
    public SlurmSettings {
        requireNonNull(partition, "partition is null");
        requireNonNull(time, "time is null");
        sbatchArgs = List.copyOf(requireNonNull(sbatchArgs, "sbatchArgs is null"));
        partition.ifPresent(name -> {
            if (!PARTITION.matcher(name).matches()) {
                throw new IllegalArgumentException("partition must be a SLURM partition name (letters, digits, '.', '_', '-', "
                        + "several separated by ','), found '" + name + "'");
            }
        });
        Matcher hms = TIME.matcher(time);
        if (!hms.matches()) {
            throw new IllegalArgumentException("time must be HH:MM:SS (for example 04:00:00 or 48:00:00), found '" + time + "'");
        }
        if (Integer.parseInt(hms.group(1)) == 0 && Integer.parseInt(hms.group(2)) == 0 && Integer.parseInt(hms.group(3)) == 0) {
            throw new IllegalArgumentException("time must be longer than 00:00:00, found '" + time + "'");
        }
        range("gpusPerRun", gpusPerRun, 0, 64);
        range("cpusPerRun", cpusPerRun, 1, 1024);
        range("maxParallel", maxParallel, 1, 100_000);
        for (String argument : sbatchArgs) {
            check(argument);
        }
    }

    /**
     * @param time each task's wall-time limit, {@code HH:MM:SS}
     * @return settings on the default partition with one CPU, no GPU, at most 8 tasks at once and no further options
     */
    public static SlurmSettings of(String time) {
        return new SlurmSettings(Optional.empty(), time, 0, 1, 8, List.of());
    }

    /**
     * @param name a partition
     * @return these settings on that partition
     */
    public SlurmSettings withPartition(String name) {
        return new SlurmSettings(Optional.of(name), time, gpusPerRun, cpusPerRun, maxParallel, sbatchArgs);
    }

    /**
     * @param gpus GPUs per run
     * @param cpus CPUs per run
     * @return these settings with those resources
     */
    public SlurmSettings withResources(int gpus, int cpus) {
        return new SlurmSettings(partition, time, gpus, cpus, maxParallel, sbatchArgs);
    }

    /**
     * @param tasks tasks of one array at once
     * @return these settings with that limit
     */
    public SlurmSettings withMaxParallel(int tasks) {
        return new SlurmSettings(partition, time, gpusPerRun, cpusPerRun, tasks, sbatchArgs);
    }

    /**
     * @param arguments further {@code sbatch} options
     * @return these settings with those options instead of the current ones
     */
    public SlurmSettings withSbatchArgs(List<String> arguments) {
        return new SlurmSettings(partition, time, gpusPerRun, cpusPerRun, maxParallel, arguments);
    }

    /** @return the device a run's step should use: {@code gpu} when a task gets GPUs, else {@code cpu} */
    public String device() {
        return gpusPerRun > 0 ? "gpu" : "cpu";
    }

    private static void range(String name, int value, int low, int high) {
        if (value < low || value > high) {
            throw new IllegalArgumentException(name + " must be between " + low + " and " + high + ", found " + value);
        }
    }

    private static void check(String argument) {
        requireNonNull(argument, "an sbatch argument is null");
        if (argument.contains("\n") || argument.contains("\r")) {
            throw new IllegalArgumentException("an sbatch argument must be one line, found " + quoted(argument));
        }
        Matcher option = OPTION.matcher(argument);
        if (!option.matches()) {
            throw new IllegalArgumentException("an sbatch argument must be one option such as --account=proj, --qos high or "
                    + "--exclusive, found " + quoted(argument));
        }
        String name = option.group(1);
        if (name.equals("--gres") && argument.contains("gpu")) {
            throw new IllegalArgumentException("sbatch argument " + quoted(argument) + " requests GPUs, which the gpusPerRun "
                    + "setting does (--gres=gpu:G); use that instead");
        }
        for (List<String> typed : TYPED) {
            if (name.equals(typed.get(0)) || name.equals(typed.get(1))) {
                throw new IllegalArgumentException("sbatch argument " + quoted(argument) + " sets " + typed.get(0)
                        + ", which the " + typed.get(2) + " setting sets; use that instead");
            }
        }
        if (OWNED.contains(name)) {
            throw new IllegalArgumentException("sbatch argument " + quoted(argument) + " sets " + name
                    + ", which the executor sets itself (job array, dependencies between waves, logs in the run folders)");
        }
    }

    private static String quoted(String argument) {
        return "'" + argument.replace("\n", "\\n").replace("\r", "\\r") + "'";
    }
}
