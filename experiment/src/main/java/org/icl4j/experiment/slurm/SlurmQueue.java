package org.icl4j.experiment.slurm;

import org.icl4j.experiment.RunId;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What SLURM knows of a suite's array tasks: those in {@code squeue} (queued or running) and, where accounting
 * is enabled, how the ended ones ended ({@code sacct}).
 */
final class SlurmQueue {
    /** squeue states of a task that holds or is about to hold its run; every other listed state is queued. */
    private static final Set<String> RUNNING = Set.of("RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "STOPPED", "SIGNALING",
            "STAGE_OUT", "RESIZING");

    /**
     * A task SLURM lists.
     *
     * @param job its id, {@code <array job>_<array index>}
     * @param state SLURM's state, e.g. {@code PENDING}, {@code RUNNING}, {@code CANCELLED}
     * @param reason why it waits or where it runs (squeue), or its exit code (sacct)
     */
    record Task(String job, String state, String reason) {
        boolean running() {
            return RUNNING.contains(state);
        }
    }

    private SlurmQueue() {
    }

    /**
     * @param commands SLURM's commands
     * @param submissions the suite's submissions
     * @return each run with a task in {@code squeue}, with that task (the newest when several)
     * @throws IOException when squeue cannot run or fails
     */
    static Map<RunId, Task> queued(SlurmCommands commands, List<SlurmSubmissions.Submission> submissions) throws IOException {
        Map<String, SlurmSubmissions.Submission> byJob = byJob(submissions);
        Map<RunId, Task> tasks = new HashMap<>();
        if (byJob.isEmpty()) {
            return tasks;
        }
        SlurmCommands.Result result = commands.run("squeue", List.of("--noheader", "--array", "--user=" + System.getProperty("user.name"),
                "--format=%F|%K|%T|%R"));
        if (result.exitCode() != 0) {
            throw new SlurmException(result.commandLine() + " failed (exit " + result.exitCode() + "): " + result.message());
        }
        for (String line : result.out().lines().toList()) {
            String[] fields = line.strip().split("\\|", 4);
            if (fields.length < 4) {
                continue;
            }
            SlurmSubmissions.Submission submission = byJob.get(fields[0]);
            if (submission == null) {
                continue;
            }
            for (int arrayIndex : indices(fields[1])) {
                if (arrayIndex < submission.entries().size()) {
                    RunId id = submission.entries().get(arrayIndex).id();
                    tasks.put(id, new Task(fields[0] + "_" + arrayIndex, fields[2], fields[3]));
                }
            }
        }
        return tasks;
    }

    /**
     * @param commands SLURM's commands
     * @param submissions the suite's submissions
     * @return how each listed task ended, by {@code <array job>_<array index>}; empty when accounting is disabled
     */
    static Map<String, Task> accounted(SlurmCommands commands, List<SlurmSubmissions.Submission> submissions) {
        Map<String, SlurmSubmissions.Submission> byJob = byJob(submissions);
        Map<String, Task> tasks = new HashMap<>();
        if (byJob.isEmpty() || commands.find("sacct").isEmpty()) {
            return tasks;
        }
        try {
            SlurmCommands.Result result = commands.run("sacct", List.of("--noheader", "--parsable2", "--allocations",
                    "--jobs=" + String.join(",", byJob.keySet()), "--format=JobID,State,ExitCode"));
            if (result.exitCode() != 0) {
                // "Slurm accounting storage is disabled": the run folders and squeue are all there is
                return tasks;
            }
            for (String line : result.out().lines().toList()) {
                String[] fields = line.strip().split("\\|", 3);
                if (fields.length == 3) {
                    tasks.put(fields[0], new Task(fields[0], fields[1], "exit code " + fields[2]));
                }
            }
        } catch (IOException e) {
            return tasks;
        }
        return tasks;
    }

    private static Map<String, SlurmSubmissions.Submission> byJob(List<SlurmSubmissions.Submission> submissions) {
        Map<String, SlurmSubmissions.Submission> byJob = new HashMap<>();
        for (SlurmSubmissions.Submission submission : submissions) {
            submission.job().ifPresent(job -> byJob.put(job, submission));
        }
        return byJob;
    }

    /** Reads squeue's array index field: {@code 3}, or for a task not yet split off, {@code [0-4,7%2]}. */
    static List<Integer> indices(String field) {
        List<Integer> indices = new ArrayList<>();
        String list = field.replace("[", "").replace("]", "");
        int limit = list.indexOf('%');
        if (limit >= 0) {
            list = list.substring(0, limit);
        }
        for (String part : list.split(",")) {
            String[] ends = part.strip().split("-");
            if (ends.length == 1 && ends[0].matches("\\d+")) {
                indices.add(Integer.parseInt(ends[0]));
            } else if (ends.length == 2 && ends[0].matches("\\d+") && ends[1].matches("\\d+")) {
                for (int i = Integer.parseInt(ends[0]); i <= Integer.parseInt(ends[1]); i++) {
                    indices.add(i);
                }
            }
        }
        return indices;
    }
}
