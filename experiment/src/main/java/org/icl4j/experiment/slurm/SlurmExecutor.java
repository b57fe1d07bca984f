package org.icl4j.experiment.slurm;

import org.icl4j.formats.AtomicFiles;
import org.icl4j.experiment.Cancellation;
import org.icl4j.experiment.Executor;
import org.icl4j.experiment.Plan;
import org.icl4j.experiment.PlannedRun;
import org.icl4j.experiment.RunId;
import org.icl4j.experiment.RunState;
import org.icl4j.experiment.RunStep;
import org.icl4j.experiment.SuiteFolder;
import org.icl4j.experiment.SuiteListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Submits the runs of a suite that are not done to SLURM, one job-array task per run, and returns once they are
 * queued; {@link SlurmStatus} tells how they fare. Each task runs {@code <run-one command> <suite folder> <run
 * index>} (for the product {@code icl4j run-one}), which calls {@link org.icl4j.experiment.RunExecution#runOne}:
 * the code path of the local pool. The suite folder must be on a file system that this host and every node share.
 *
 * <p>Dependencies go by waves: the runs to do that use no run to do form the first array, the runs that use one
 * of those the second, and so on (in the shipped specs: trainings, then evaluations and probes). Each array
 * waits for the whole previous one with {@code --dependency=afterany}, never {@code afterok}: after a failed
 * training, {@code afterok} would leave the whole next array pending forever, while with {@code afterany} only
 * the runs that use the failed one find their input not done and end without starting, as in the local pool;
 * they are submitted again with it next time. A run whose input is still queued or running from an earlier
 * submission waits for that input's task ({@code afterany:<job>_<index>}).
 *
 * <p>Submitting again submits only the runs that are neither done nor queued or running; finished runs are never
 * touched. The {@link RunStep} and {@link Cancellation} passed to {@link #execute} are not used: the tasks run
 * the host's step in their own processes, and cancelling a submitted array is {@code scancel}'s job.
 */
public final class SlurmExecutor implements Executor {
    /** SLURM's default {@code MaxArraySize}: array indices 0 to 1000. */
    private static final int DEFAULT_MAX_ARRAY_SIZE = 1001;
    private static final Pattern MAX_ARRAY_SIZE = Pattern.compile("(?m)^MaxArraySize\\s*=\\s*(\\d+)");
    private static final Pattern UNQUOTABLE_PATH = Pattern.compile("[\\s'\"%\\\\$`]");
    private final SlurmSettings settings;
    private final List<String> runOneCommand;
    private final SlurmCommands commands;

    /**
     * @param settings how to submit
     * @param runOneCommand the command a task runs, before the suite folder and the run index, such as
     *                      {@code [/opt/icl4j/icl4j, run-one]}; its first word is an absolute path or found on
     *                      the nodes' {@code PATH}
     * @param commands SLURM's commands
     */
    public SlurmExecutor(SlurmSettings settings, List<String> runOneCommand, SlurmCommands commands) {
        this.settings = requireNonNull(settings, "settings is null");
        this.runOneCommand = List.copyOf(requireNonNull(runOneCommand, "runOneCommand is null"));
        this.commands = requireNonNull(commands, "commands is null");
        if (this.runOneCommand.isEmpty()) {
            throw new IllegalArgumentException("the run-one command is empty; give the program a task runs, such as icl4j run-one");
        }
        for (String word : this.runOneCommand) {
            if (word.isEmpty() || word.contains("\n") || word.contains("\r") || word.contains("\0")) {
                throw new IllegalArgumentException("every word of the run-one command must be non-empty and one line, found '"
                        + word.replace("\n", "\\n") + "'");
            }
        }
    }

    /** @return how runs are submitted */
    public SlurmSettings settings() {
        return settings;
    }

    /**
     * The submissions of one {@link #execute} call.
     *
     * @param number the submission's number ({@code slurm/submit-<number>.sh})
     * @param job the array's job id
     * @param runs its runs, by array index
     */
    public record Submitted(int number, String job, List<RunId> runs) {
        /** Copies the list. */
        public Submitted {
            requireNonNull(job, "job is null");
            runs = List.copyOf(runs);
        }
    }

    @Override
    public void execute(SuiteFolder folder, Plan plan, RunStep step, Cancellation cancellation, SuiteListener listener)
            throws IOException {
        submit(folder, plan);
    }

    /**
     * Writes and submits one job array per wave of the runs that are neither done nor queued or running.
     *
     * @param folder the suite's folder, holding {@code suite.json} with this plan
     * @param plan its plan
     * @return the arrays submitted, in order; empty when there was nothing to submit
     * @throws SlurmException when {@code sbatch} is missing or refuses a submission (arrays submitted before
     *                        it stay submitted and recorded)
     * @throws IOException when the suite folder cannot be written
     */
    public List<Submitted> submit(SuiteFolder folder, Plan plan) throws IOException {
        Path root = folder.root().toAbsolutePath().normalize();
        if (UNQUOTABLE_PATH.matcher(root.toString()).find()) {
            throw new IllegalArgumentException("the suite folder's path must not contain spaces, quotes, '%', '$', '`' or '\\' "
                    + "(sbatch reads it in #SBATCH lines and file patterns), found '" + root + "'");
        }
        commands.require("sbatch");
        checkQueuedTasksMatchThePlan(folder, plan);
        SlurmStatus status = SlurmStatus.query(folder, plan, commands);
        Map<RunId, SlurmRunStatus> byId = new HashMap<>();
        status.runs().forEach(run -> byId.put(run.run().id(), run));

        List<PlannedRun> remaining = new ArrayList<>();
        Map<RunId, Integer> wave = new HashMap<>();
        int waves = 0;
        for (PlannedRun run : plan.runs()) {
            SlurmRunStatus current = byId.get(run.id());
            if (folder.state(run.id()) == RunState.DONE || current.queued()) {
                continue;
            }
            // plan order puts a run after its input, so the input's wave is known here
            int level = run.input().map(input -> wave.containsKey(input) ? wave.get(input) + 1 : 0).orElse(0);
            wave.put(run.id(), level);
            waves = Math.max(waves, level + 1);
            remaining.add(run);
        }
        List<Submitted> submitted = new ArrayList<>();
        if (remaining.isEmpty()) {
            return submitted;
        }
        int arraySize = maxArraySize();
        List<String> previousWave = List.of();
        for (int level = 0; level < waves; level++) {
            int current = level;
            List<PlannedRun> runs = remaining.stream().filter(run -> wave.get(run.id()) == current).toList();
            Set<String> after = new LinkedHashSet<>(previousWave);
            for (PlannedRun run : runs) {
                run.input().map(byId::get).filter(SlurmRunStatus::queued).flatMap(SlurmRunStatus::job).ifPresent(after::add);
            }
            List<String> jobs = new ArrayList<>();
            for (ArrayPart part : split(runs.size(), arraySize, settings.maxParallel())) {
                Submitted one = submitOne(folder, root, runs.subList(part.from(), part.to()), after, part.parallel(), level + 1, waves);
                submitted.add(one);
                jobs.add(one.job());
            }
            previousWave = jobs;
        }
        return submitted;
    }

    private Submitted submitOne(SuiteFolder folder, Path root, List<PlannedRun> runs, Set<String> after, int parallel, int wave,
                                int waves) throws IOException {
        int number = SlurmSubmissions.create(folder, runs);
        Path script = SlurmSubmissions.script(folder, number);
        AtomicFiles.writeString(script, script(root, number, runs.size(), parallel, wave, waves));
        script.toFile().setExecutable(true);
        List<String> arguments = new ArrayList<>();
        arguments.add("--parsable");
        if (!after.isEmpty()) {
            arguments.add("--dependency=afterany:" + String.join(":", after));
        }
        arguments.add(script.toString());
        SlurmCommands.Result result = commands.run("sbatch", arguments);
        if (result.exitCode() != 0) {
            throw new SlurmException("sbatch refused submission " + number + " (" + runs.size() + " runs, script " + script
                    + "): " + result.message() + " [command: " + result.commandLine() + ", exit " + result.exitCode() + "]");
        }
        // --parsable prints "<job id>" or "<job id>;<cluster>"
        String job = result.out().strip().split(";", 2)[0];
        if (!job.matches("\\d+")) {
            throw new SlurmException("sbatch accepted submission " + number + " but printed '" + result.out().strip()
                    + "' instead of a job id [command: " + result.commandLine() + "]");
        }
        AtomicFiles.writeString(SlurmSubmissions.job(folder, number), job + "\n");
        return new Submitted(number, job, runs.stream().map(PlannedRun::id).toList());
    }

    /**
     * The job-array script of one submission.
     *
     * @param root the suite folder, absolute
     * @param number the submission's number
     * @param tasks its number of runs
     * @param parallel tasks at once
     * @param wave its wave, from 1
     * @param waves the waves of this call
     * @return the script's text
     */
    String script(Path root, int number, int tasks, int parallel, int wave, int waves) {
        String name = "submit-" + number;
        StringBuilder text = new StringBuilder();
        text.append("#!/bin/bash\n");
        text.append("# icl4j suite ").append(root).append(": submission ").append(number).append(", wave ").append(wave)
                .append(" of ").append(waves).append(", ").append(tasks).append(tasks == 1 ? " run" : " runs").append(".\n");
        text.append("# Array index i runs the run on line i + 1 of ").append(name).append(".runs (\"<run index> <run id>\");\n");
        text.append("# the task's output goes to runs/<run id>/slurm.log.\n");
        boolean ownName = settings.sbatchArgs().stream().anyMatch(argument -> argument.startsWith("--job-name") || argument.startsWith("-J"));
        if (!ownName) {
            text.append("#SBATCH --job-name=icl4j-").append(root.getFileName() == null ? "suite"
                    : root.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_")).append('\n');
        }
        text.append("#SBATCH --array=0-").append(tasks - 1).append('%').append(parallel).append('\n');
        settings.partition().ifPresent(partition -> text.append("#SBATCH --partition=").append(partition).append('\n'));
        text.append("#SBATCH --time=").append(settings.time()).append('\n');
        text.append("#SBATCH --cpus-per-task=").append(settings.cpusPerRun()).append('\n');
        if (settings.gpusPerRun() > 0) {
            text.append("#SBATCH --gres=gpu:").append(settings.gpusPerRun()).append('\n');
        }
        text.append("#SBATCH --output=").append(root.resolve("slurm").resolve(name + ".log")).append('\n');
        text.append("#SBATCH --open-mode=append\n");
        for (String argument : settings.sbatchArgs()) {
            text.append("#SBATCH ").append(argument).append('\n');
        }
        text.append("set -euo pipefail\n");
        text.append("suite=").append(quote(root.toString())).append('\n');
        text.append("mapfile -t entries < \"$suite/slurm/").append(name).append(".runs\"\n");
        text.append("entry=${entries[$SLURM_ARRAY_TASK_ID]:-}\n");
        text.append("index=${entry%% *}\n");
        text.append("id=${entry#* }\n");
        text.append("if [[ -z \"$entry\" ]]; then\n");
        text.append("  echo \"icl4j: no run for array index $SLURM_ARRAY_TASK_ID in $suite/slurm/").append(name)
                .append(".runs\" >&2\n");
        text.append("  exit 2\n");
        text.append("fi\n");
        text.append("mkdir -p \"$suite/runs/$id\"\n");
        text.append("exec >>\"$suite/runs/$id/slurm.log\" 2>&1\n");
        text.append("echo \"icl4j: run $index ($id), job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} (${SLURM_JOB_ID}) on $(hostname)"
                + " at $(date -u +%FT%TZ)\"\n");
        text.append("exec");
        for (String word : runOneCommand) {
            text.append(' ').append(quote(word));
        }
        text.append(" \"$suite\" \"$index\"\n");
        return text.toString();
    }

    /**
     * One job array of a wave.
     *
     * @param from its first run in the wave
     * @param to one past its last run
     * @param parallel its tasks at once
     */
    record ArrayPart(int from, int to, int parallel) {
    }

    /**
     * Splits a wave into as few arrays of at most {@code arraySize} tasks as it takes, of nearly equal sizes,
     * sharing {@code maxParallel} between them so that the wave never runs more tasks at once (each array runs
     * at least one).
     */
    static List<ArrayPart> split(int runs, int arraySize, int maxParallel) {
        int arrays = (runs + arraySize - 1) / arraySize;
        List<ArrayPart> parts = new ArrayList<>();
        for (int array = 0; array < arrays; array++) {
            int parallel = Math.max(1, maxParallel / arrays + (array < maxParallel % arrays ? 1 : 0));
            parts.add(new ArrayPart(array * runs / arrays, (array + 1) * runs / arrays, parallel));
        }
        return parts;
    }

    /** @return the cluster's MaxArraySize, from {@code scontrol show config}; SLURM's default when it cannot be read */
    private int maxArraySize() {
        try {
            SlurmCommands.Result config = commands.run("scontrol", List.of("show", "config"));
            java.util.regex.Matcher size = MAX_ARRAY_SIZE.matcher(config.out());
            if (config.exitCode() == 0 && size.find()) {
                return Math.max(1, Integer.parseInt(size.group(1)));
            }
        } catch (IOException | NumberFormatException e) {
            // scontrol missing or unanswering: sbatch will name the problem if the default is wrong
        }
        return DEFAULT_MAX_ARRAY_SIZE;
    }

    /** Quotes a word for bash: inside single quotes everything is literal but the single quote itself. */
    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./:=+,@-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** A queued task runs the plan's run at its index, so the plan must not move a queued run to another index. */
    private void checkQueuedTasksMatchThePlan(SuiteFolder folder, Plan plan) throws IOException {
        List<SlurmSubmissions.Submission> submissions = SlurmSubmissions.read(folder);
        Map<RunId, SlurmQueue.Task> queued = SlurmQueue.queued(commands, submissions);
        for (SlurmSubmissions.Submission submission : submissions) {
            for (SlurmSubmissions.Entry entry : submission.entries()) {
                SlurmQueue.Task task = queued.get(entry.id());
                boolean thisTask = task != null && task.job().equals(submission.job().orElse("") + "_" + entry.arrayIndex());
                boolean moved = entry.runIndex() >= plan.runs().size() || !plan.runs().get(entry.runIndex()).id().equals(entry.id());
                if (thisTask && moved) {
                    throw new IllegalStateException("job " + task.job() + " (submission " + submission.number() + ") is to run "
                            + entry.id() + " as run " + entry.runIndex() + ", but the plan in " + folder.root().resolve("suite.json")
                            + " changed while it is " + task.state().toLowerCase(java.util.Locale.ROOT)
                            + "; wait for it or scancel " + submission.job().orElseThrow() + ", then submit again");
                }
            }
        }
    }
}
