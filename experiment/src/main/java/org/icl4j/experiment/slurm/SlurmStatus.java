package org.icl4j.experiment.slurm;

import org.icl4j.experiment.Plan;
import org.icl4j.experiment.PlannedRun;
import org.icl4j.experiment.RunId;
import org.icl4j.experiment.RunState;
import org.icl4j.experiment.SuiteFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Where every run of a suite stands: read from the run folders first (a run is done exactly when its
 * {@code done.json} exists; {@code error.txt} is a failed attempt), then from {@code squeue} for the tasks queued
 * or running, and from {@code sacct}, where accounting is enabled, for how a task that left no result ended.
 *
 * @param runs every run of the plan, in plan order
 */
public record SlurmStatus(List<SlurmRunStatus> runs) {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Pattern HEADER = Pattern.compile("^icl4j: run \\d+ \\(\\S+\\), job \\S+ \\((\\d+)\\) on ");

    /** Copies the list. */
    public SlurmStatus {
        runs = List.copyOf(requireNonNull(runs, "runs is null"));
    }

    /**
     * Reads the status of the plan in the folder's {@code suite.json}.
     *
     * @param folder a suite folder
     * @param commands SLURM's commands
     * @return the status
     * @throws IOException when the folder cannot be read or squeue fails
     */
    public static SlurmStatus query(SuiteFolder folder, SlurmCommands commands) throws IOException {
        return query(folder, folder.readPlan(), commands);
    }

    /**
     * @param folder a suite folder
     * @param plan its plan
     * @param commands SLURM's commands
     * @return the status
     * @throws IOException when the folder cannot be read or squeue fails
     */
    public static SlurmStatus query(SuiteFolder folder, Plan plan, SlurmCommands commands) throws IOException {
        List<SlurmSubmissions.Submission> submissions = SlurmSubmissions.read(folder);
        // squeue before the folders: a task that leaves the queue between the two reads has written its result
        Map<RunId, SlurmQueue.Task> queued = SlurmQueue.queued(commands, submissions);
        Map<RunId, String> lastJob = new HashMap<>();
        for (SlurmSubmissions.Submission submission : submissions) {
            submission.job().ifPresent(job -> submission.entries().forEach(entry -> lastJob.put(entry.id(), job + "_" + entry.arrayIndex())));
        }
        Map<String, SlurmQueue.Task> accounted = null;
        Map<RunId, SlurmRunState> states = new HashMap<>();
        List<SlurmRunStatus> statuses = new ArrayList<>();
        for (PlannedRun run : plan.runs()) {
            RunState folderState = folder.state(run.id());
            Path logFile = folder.runFolder(run.id()).resolve("slurm.log");
            Optional<Path> log = Files.exists(logFile) ? Optional.of(logFile.toAbsolutePath()) : Optional.empty();
            SlurmQueue.Task task = queued.get(run.id());
            Optional<String> job = Optional.ofNullable(task == null ? lastJob.get(run.id()) : task.job());
            SlurmRunStatus status;
            if (folderState == RunState.DONE) {
                status = new SlurmRunStatus(run, SlurmRunState.DONE, "", job, log, task != null);
            } else if (task != null && task.running()) {
                status = new SlurmRunStatus(run, SlurmRunState.RUNNING, task.state().toLowerCase(java.util.Locale.ROOT)
                        + " as job " + task.job() + " on " + task.reason(), job, log, task != null);
            } else if (task != null) {
                status = new SlurmRunStatus(run, SlurmRunState.PENDING, "queued as job " + task.job() + " " + task.reason(), job, log, task != null);
            } else if (folderState == RunState.FAILED) {
                status = new SlurmRunStatus(run, SlurmRunState.FAILED, firstLine(folder.error(run.id())), job, log, task != null);
            } else if (folderState == RunState.STARTED) {
                if (accounted == null) {
                    accounted = SlurmQueue.accounted(commands, submissions);
                }
                SlurmQueue.Task ended = job.map(accounted::get).orElse(null);
                Optional<String> message = log.flatMap(file -> stepMessage(folder, file));
                status = new SlurmRunStatus(run, SlurmRunState.FAILED, "its task ended without a result"
                        + (ended != null ? ": SLURM says " + ended.state() + ", " + ended.reason()
                        : message.map(line -> ": " + line).orElse(" (killed, timed out or its node was lost)")), job, log, false);
            } else {
                status = new SlurmRunStatus(run, SlurmRunState.PENDING, waiting(run, states), job, log, task != null);
            }
            states.put(run.id(), status.state());
            statuses.add(status);
        }
        return new SlurmStatus(statuses);
    }

    /**
     * Polls until no run is queued or running in SLURM, or the time is up.
     *
     * @param folder a suite folder
     * @param commands SLURM's commands
     * @param timeout how long to wait at most
     * @return the last status read; {@link #settled()} tells whether it is final
     * @throws IOException when the folder cannot be read or squeue fails
     * @throws InterruptedException when interrupted while waiting
     */
    public static SlurmStatus await(SuiteFolder folder, SlurmCommands commands, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        SlurmStatus status = query(folder, commands);
        while (!status.settled() && System.nanoTime() < end) {
            Thread.sleep(POLL.toMillis());
            status = query(folder, commands);
        }
        return status;
    }

    /** @return how many runs are in each state */
    public Map<SlurmRunState, Integer> counts() {
        Map<SlurmRunState, Integer> counts = new EnumMap<>(SlurmRunState.class);
        for (SlurmRunState state : SlurmRunState.values()) {
            counts.put(state, 0);
        }
        runs.forEach(run -> counts.merge(run.state(), 1, Integer::sum));
        return counts;
    }

    /** @return whether no run is queued or running in SLURM, so nothing changes until the next submission */
    public boolean settled() {
        return runs.stream().noneMatch(SlurmRunStatus::queued);
    }

    /** @return whether every run is done */
    public boolean allDone() {
        return runs.stream().allMatch(run -> run.state() == SlurmRunState.DONE);
    }

    /** @return the summary line, such as {@code runs 3/6 done, 1 running, 1 pending, 1 failed} */
    public String line() {
        Map<SlurmRunState, Integer> counts = counts();
        return "runs " + counts.get(SlurmRunState.DONE) + "/" + runs.size() + " done, " + counts.get(SlurmRunState.RUNNING)
                + " running, " + counts.get(SlurmRunState.PENDING) + " pending, " + counts.get(SlurmRunState.FAILED) + " failed";
    }

    /** @return the summary line, then one line per run that is not done, failed runs first */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(line());
        for (SlurmRunState state : List.of(SlurmRunState.FAILED, SlurmRunState.RUNNING, SlurmRunState.PENDING)) {
            runs.stream().filter(run -> run.state() == state).forEach(run -> lines.add("  " + run.line()));
        }
        return lines;
    }

    private static String waiting(PlannedRun run, Map<RunId, SlurmRunState> states) {
        if (run.input().isPresent()) {
            SlurmRunState input = states.get(run.input().get());
            if (input == SlurmRunState.FAILED) {
                return "not submitted; it uses " + run.input().get() + ", which failed, and runs after it on the next submission";
            }
        }
        return "not submitted";
    }

    /**
     * SLURM's own word on how a task ended ({@code *** JOB 62 ON node3 CANCELLED AT … ***}, {@code … DUE TO TIME
     * LIMIT ***}): slurmstepd writes it to the array's output file, {@code slurm/submit-<n>.log}, under the task's
     * own job id, which the task's last header line in its run log names.
     */
    private static Optional<String> stepMessage(SuiteFolder folder, Path runLog) {
        try {
            Optional<String> jobId = Optional.empty();
            for (String line : Files.readAllLines(runLog)) {
                Matcher header = HEADER.matcher(line);
                if (header.find()) {
                    jobId = Optional.of(header.group(1));
                }
            }
            if (jobId.isEmpty() || !Files.isDirectory(SlurmSubmissions.folder(folder))) {
                return Optional.empty();
            }
            String mark = "*** JOB " + jobId.get() + " ";
            try (Stream<Path> files = Files.list(SlurmSubmissions.folder(folder))) {
                for (Path file : files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList()) {
                    for (String line : Files.readAllLines(file)) {
                        int at = line.indexOf(mark);
                        if (at >= 0) {
                            return Optional.of(line.substring(at).strip());
                        }
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // a log that cannot be read leaves the generic reason
        }
        return Optional.empty();
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("(error.txt is empty)");
    }
}
